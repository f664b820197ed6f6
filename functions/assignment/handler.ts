import * as z from 'zod';
import { answerInputSchema, isAnswered } from '../../shared/domain/answers';
import { endOfDayIfDate } from '../../shared/domain/cycles';
import { invalid } from '../../shared/domain/errors';
import type { Language } from '../../shared/domain/states';
import { HttpError, toHttpError } from '../../shared/http/errors';
import { json, type HttpEvent, type HttpResult } from '../../shared/http/handler';
import { parseBody, parseQuery, validationError } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { formFields, htmlPage, isForm, nonce, redirect } from '../../shared/http/web';
import { renderFormErrors } from '../../shared/render/portal';
import { stores } from '../../shared/store';
import { assignmentPage, requestExtension, saveAnswer, submitReport } from '../../shared/usecases/respond';
import type { PortalItem } from '../../shared/usecases/view-models';
import { summits } from '../../seeds/registry';

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
  return respond(event, answerPlace(event, mandateId), async () => {
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

/**
 * Where a form save goes back to: the page at the mandate saved (its group and part), keeping the
 * filter and language the form was sent from (its `back` field: the page's query; only the known
 * parameters are kept, and the path is always /respond).
 */
function answerPlace(event: HttpEvent, mandateId: string): string {
  let back: string | null;
  try {
    back = isForm(event) ? formFields(event).get('back') : null;
  } catch {
    back = null; // a body too large: the save itself refuses it
  }
  const given = new URLSearchParams(back ?? '');
  const kept = new URLSearchParams();
  for (const key of ['group', 'filter', 'theme', 'q', 'lang']) {
    const value = given.get(key);
    if (value && value.length <= 300) kept.set(key, value);
  }
  kept.set('at', mandateId);
  return `/respond?${kept}#m-${encodeURIComponent(mandateId)}`;
}

/** A page of `GET /api/assignment` holds at most `limit` mandates and about this many bytes of them, so that no page nears 1 MB. */
const PAGE_BYTES = 600_000;

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(200).optional(),
});

/** Cursors are opaque to clients: the place of the next mandate in the cycle. */
const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid('bad_cursor', 'cursor: pass back the cursor of the previous page');
  return Number(match[1]);
}

/**
 * GET /api/assignment?limit&cursor: the assignment and its progress, and a page of its mandates in the
 * cycle's order, each text in the state's language where known (`textLanguage` says which).
 */
async function readAssignment(event: HttpEvent): Promise<HttpResult> {
  const query = parseQuery(event, pageQuery);
  const offset = decodeCursor(query.cursor);
  let bytes = 0;
  const view = await assignmentPage(
    event.stateSession!,
    { stores: stores(), summits },
    {
      offset,
      limit: query.limit,
      fits: (item) => {
        const size = Buffer.byteLength(JSON.stringify(mandateEntry(item)));
        if (bytes > 0 && bytes + size > PAGE_BYTES) return false;
        bytes += size;
        return true;
      },
    },
  );
  const next = offset + view.items.length;
  return json(200, {
    cycle: { id: view.cycle.id, title: view.title },
    state: { code: view.state.code, name: view.state.localName, language: view.assignment.language },
    status: view.assignment.status,
    deadline: view.assignment.deadline,
    submittedAt: view.assignment.submittedAt ?? null,
    contentHash: view.assignment.contentHash ?? null,
    progress: { answered: view.answered, total: view.total },
    count: view.items.length,
    mandates: view.items.map(mandateEntry),
    cursor: next < view.total ? encodeCursor(next) : null,
  });
}

/** One mandate of `GET /api/assignment`: its text in the state's language where known, and the language it is in. */
function mandateEntry(item: PortalItem) {
  return {
    id: item.mandate.id,
    label: item.mandate.label,
    text: item.text.text,
    textLanguage: item.text.language,
    document: item.mandate.document,
    summit: item.mandate.summit,
    year: item.mandate.year,
    themes: item.mandate.themes ?? [item.mandate.theme],
    parentId: item.mandate.parentId,
    answer: item.answer ?? null,
  };
}

export const handler = routeHandlers('assignment', {
  'GET /api/assignment': readAssignment,

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
