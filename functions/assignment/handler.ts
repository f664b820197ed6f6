import * as z from 'zod';
import { answerInputSchema, isAnswered } from '../../shared/domain/answers';
import { endOfDayIfDate } from '../../shared/domain/cycles';
import type { Language } from '../../shared/domain/states';
import { HttpError, toHttpError } from '../../shared/http/errors';
import { json, type HttpEvent, type HttpResult } from '../../shared/http/handler';
import { parseBody, validationError } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { formFields, htmlPage, isForm, nonce, redirect } from '../../shared/http/web';
import { renderFormErrors } from '../../shared/render/portal';
import { stores } from '../../shared/store';
import { portalView, requestExtension, saveAnswer, submitReport } from '../../shared/usecases/respond';

const extensionRequestSchema = z
  .object({
    proposedDeadline: z.iso.date({ message: 'must be a date such as 2027-04-30' }),
    reason: z.string().trim().min(1, 'is required').max(2000),
  })
  .strict();

/** The answer form of the page, turned into the JSON the API takes. */
function answerFromForm(form: URLSearchParams): unknown {
  const titles = form.getAll('evidenceTitle');
  const urls = form.getAll('evidenceUrl');
  const evidence = titles.map((title, i) => ({ title: title.trim(), url: (urls[i] ?? '').trim() })).filter((e) => e.title || e.url);
  const version = Number(form.get('version'));
  return {
    status: form.get('status') || null,
    narrative: form.get('narrative') ?? '',
    difficulties: form.get('difficulties') ?? '',
    evidence,
    version: Number.isInteger(version) ? version : -1,
  };
}

/** A body from the page's form or from JSON, validated by the same schema. */
function input<S extends z.ZodType>(
  event: HttpEvent,
  schema: S,
  fromForm: (form: URLSearchParams) => unknown = (form) => Object.fromEntries(form),
): z.infer<S> {
  if (!isForm(event)) return parseBody(event, schema);
  const parsed = schema.safeParse(fromForm(formFields(event)));
  if (!parsed.success) throw validationError('invalid_body', parsed.error.issues);
  return parsed.data;
}

/**
 * The page's forms work without JavaScript: a form post that succeeds goes back to the page, one that
 * is refused gets a page that says why, in the state's language. API clients get JSON either way.
 */
async function respond(event: HttpEvent, backTo: string, work: () => Promise<HttpResult>): Promise<HttpResult> {
  try {
    const result = await work();
    return isForm(event) ? redirect(backTo) : result;
  } catch (error) {
    const refused = toHttpError(error);
    if (!isForm(event) || !(refused instanceof HttpError) || refused.statusCode >= 500) throw error;
    const session = event.stateSession!;
    const assignment = await stores().assignments.getAssignment(session.cycleId, session.stateCode);
    const details = refused.details as { field: string; message: string }[] | undefined;
    const messages = Array.isArray(details) ? details.map((d) => `${d.field}: ${d.message}`) : [refused.description];
    const pageNonce = nonce();
    return htmlPage(
      refused.statusCode,
      renderFormErrors(messages, (assignment?.language ?? 'en') as Language, pageNonce, backTo),
      pageNonce,
    );
  }
}

/**
 * The state's API (a session cookie from the link, never a token in the URL). Every route reads
 * and writes only the assignment of the session: there is no cycle or state in these paths.
 */
const saveOne = async (event: HttpEvent) => {
  const session = event.stateSession!;
  const mandateId = event.pathParameters?.mandateId ?? '';
  return respond(event, `/respond#m-${mandateId}`, async () => {
    const answer = await saveAnswer(session, mandateId, input(event, answerInputSchema, answerFromForm), {
      stores: stores(),
      now: new Date().toISOString(),
    });
    const assignment = await stores().assignments.getAssignment(session.cycleId, session.stateCode);
    return json(200, {
      answer,
      progress: { answered: assignment?.answeredCount ?? Number(isAnswered(answer)), total: assignment?.mandateCount ?? 0 },
    });
  });
};

export const handler = routeHandlers('assignment', {
  'GET /api/assignment': async (event) => {
    const view = await portalView(event.stateSession!, { stores: stores() });
    return json(200, {
      cycle: { id: view.cycle.id, title: view.cycle.title },
      state: { code: view.state.code, name: view.state.localName, language: view.assignment.language },
      status: view.assignment.status,
      deadline: view.assignment.deadline,
      submittedAt: view.assignment.submittedAt ?? null,
      contentHash: view.assignment.contentHash ?? null,
      progress: { answered: view.answered, total: view.total },
      mandates: view.items.map((item) => ({
        id: item.mandate.id,
        label: item.mandate.label,
        text: item.mandate.text,
        document: item.mandate.document,
        summit: item.mandate.summit,
        year: item.mandate.year,
        parentId: item.mandate.parentId,
        answer: item.answer ?? null,
      })),
    });
  },

  'PUT /api/assignment/answers/{mandateId}': saveOne,
  'POST /api/assignment/answers/{mandateId}': saveOne,

  'POST /api/assignment/submit': async (event) =>
    respond(event, '/respond', async () =>
      json(200, await submitReport(event.stateSession!, { stores: stores(), now: new Date().toISOString() })),
    ),

  'POST /api/assignment/extension-request': async (event) =>
    respond(event, '/respond', async () => {
      const request = input(event, extensionRequestSchema);
      await requestExtension(
        event.stateSession!,
        { proposedDeadline: endOfDayIfDate(request.proposedDeadline), reason: request.reason },
        { stores: stores(), now: new Date().toISOString() },
      );
      return json(202, { requested: true, proposedDeadline: request.proposedDeadline });
    }),
});
