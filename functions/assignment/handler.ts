import * as z from 'zod';
import { answerInputSchema, isAnswered, type AnswerInput } from '../../shared/domain/answers';
import { endOfDayIfDate } from '../../shared/domain/cycles';
import type { Language } from '../../shared/domain/states';
import { HttpError, notFound } from '../../shared/http/errors';
import { httpHandler, json, type HttpEvent } from '../../shared/http/handler';
import { parseBody, validationError } from '../../shared/http/query';
import { formFields, htmlPage, isForm, nonce, redirect } from '../../shared/http/web';
import { renderFormErrors } from '../../shared/render/portal';
import { stores } from '../../shared/store';
import { portalView, requestExtension, saveAnswer, submitReport, type StateSession } from '../../shared/usecases/respond';

const extensionRequestSchema = z
  .object({
    proposedDeadline: z.iso.date({ message: 'must be a date such as 2027-04-30' }),
    reason: z.string().trim().min(1, 'is required').max(2000),
  })
  .strict();

/** The answer form of the page, turned into the JSON the API takes. */
function answerFromForm(event: HttpEvent): unknown {
  const form = formFields(event);
  const titles = form.getAll('evidenceTitle');
  const urls = form.getAll('evidenceUrl');
  const evidence = titles
    .map((title, i) => ({ title: title.trim(), url: (urls[i] ?? '').trim() }))
    .filter((e) => e.title || e.url);
  const version = Number(form.get('version'));
  return {
    status: form.get('status') || null,
    narrative: form.get('narrative') ?? '',
    difficulties: form.get('difficulties') ?? '',
    evidence,
    version: Number.isInteger(version) ? version : -1,
  };
}

async function languageOf(session: StateSession): Promise<Language> {
  const assignment = await stores().cycles.getAssignment(session.cycleId, session.stateCode);
  return (assignment?.language ?? 'en') as Language;
}

/** Refused form posts get a page that says why; API clients get the JSON error. */
async function asFormError(event: HttpEvent, error: unknown, backTo: string) {
  if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
  const pageNonce = nonce();
  const details = error.details as { field: string; message: string }[] | undefined;
  const messages = Array.isArray(details) ? details.map((d) => `${d.field}: ${d.message}`) : [error.description];
  return htmlPage(error.statusCode, renderFormErrors(messages, await languageOf(event.stateSession!), pageNonce, backTo), pageNonce);
}

/**
 * The state's API (a session cookie from the link, never a token in the URL). Every route reads
 * and writes only the assignment of the session: there is no cycle or state in these paths.
 */
export const handler = httpHandler('state', async (event) => {
  const session = event.stateSession!;
  const now = new Date().toISOString();
  const route = event.routeKey;

  if (route === 'GET /api/assignment') {
    const view = await portalView(session, { stores: stores() });
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
  }

  if (route.startsWith('PUT /api/assignment/answers/') || route.startsWith('POST /api/assignment/answers/')) {
    const mandateId = event.pathParameters?.mandateId ?? '';
    const fromForm = isForm(event);
    try {
      let input: AnswerInput;
      if (fromForm) {
        const parsed = answerInputSchema.safeParse(answerFromForm(event));
        if (!parsed.success) throw validationError('invalid_body', parsed.error.issues);
        input = parsed.data;
      } else {
        input = parseBody(event, answerInputSchema);
      }
      const answer = await saveAnswer(session, mandateId, input, { stores: stores(), now });
      if (fromForm) return redirect(`/respond#m-${mandateId}`);
      const assignment = await stores().cycles.getAssignment(session.cycleId, session.stateCode);
      return json(200, {
        answer,
        progress: { answered: assignment?.answeredCount ?? Number(isAnswered(answer)), total: assignment?.mandateCount ?? 0 },
      });
    } catch (error) {
      if (fromForm) return asFormError(event, error, `/respond#m-${mandateId}`);
      throw error;
    }
  }

  if (route === 'POST /api/assignment/submit') {
    try {
      const receipt = await submitReport(session, { stores: stores(), now });
      if (isForm(event)) return redirect('/respond');
      return json(200, receipt);
    } catch (error) {
      if (isForm(event)) return asFormError(event, error, '/respond');
      throw error;
    }
  }

  if (route === 'POST /api/assignment/extension-request') {
    const fromForm = isForm(event);
    try {
      const input = fromForm
        ? (() => {
            const parsed = extensionRequestSchema.safeParse(Object.fromEntries(formFields(event)));
            if (!parsed.success) throw validationError('invalid_body', parsed.error.issues);
            return parsed.data;
          })()
        : parseBody(event, extensionRequestSchema);
      await requestExtension(session, { proposedDeadline: endOfDayIfDate(input.proposedDeadline), reason: input.reason }, { stores: stores(), now });
      if (fromForm) return redirect('/respond');
      return json(202, { requested: true, proposedDeadline: input.proposedDeadline });
    } catch (error) {
      if (fromForm) return asFormError(event, error, '/respond');
      throw error;
    }
  }

  throw notFound(`No route ${route}`);
});
