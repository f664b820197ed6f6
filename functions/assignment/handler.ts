import * as z from 'zod';
import { answerInputSchema, isAnswered } from '../../shared/domain/answers';
import { endOfDayIfDate } from '../../shared/domain/cycles';
import { invalid } from '../../shared/domain/errors';
import type { Language } from '../../shared/domain/states';
import { HttpError, toHttpError } from '../../shared/http/errors';
import { json, type HttpEvent, type HttpResult } from '../../shared/http/handler';
import { parseBody, parseQuery, validationError } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { formFields, guessedLanguage, htmlPage, isForm, nonce, redirect, uploadOrigin } from '../../shared/http/web';
import { config } from '../../shared/config';
import { LANGUAGES } from '../../shared/domain/states';
import { isSubmitted, renderFormErrors, renderPortal, renderProblem } from '../../shared/render/portal';
import { colonOf, fieldMessage, type FieldIssue, type TypedAnswer } from '../../shared/render/portal-fields';
import { PORTAL_HELP } from '../../shared/render/portal-help';
import { PORTAL_WORDS } from '../../shared/render/portal-words';
import { TEAM_WORDS } from '../../shared/render/portal-team-words';
import { stores } from '../../shared/store';
import { actorOf, assignmentPage, portalView, requestExtension, saveAnswer, submitReport } from '../../shared/usecases/respond';
import { addComment, addContributor, listContributors, removeContributor } from '../../shared/usecases/team';
import { commentInputSchema, contributorInputSchema } from '../../shared/domain/team';
import { fileCompleteSchema, fileInputSchema } from '../../shared/domain/evidence';
import { evidenceStorage } from '../../shared/evidence-storage';
import { completeUpload, fileDownload, fileEntry, removeFile, startUpload } from '../../shared/usecases/evidence';
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

/** The answer form as typed: every row of links kept (but the empty ones at the end), and where each link the API sees sits. */
function typedFromForm(form: URLSearchParams): { typed: TypedAnswer; rowOf: number[] } {
  const titles = form.getAll('evidenceTitle');
  const urls = form.getAll('evidenceUrl');
  const rows = titles.map((title, i) => ({ title, url: urls[i] ?? '' }));
  const filled = (row: { title: string; url: string }) => Boolean(row.title.trim() || row.url.trim());
  while (rows.length > 0 && !filled(rows.at(-1)!)) rows.pop();
  return {
    typed: {
      status: form.get('status') ?? '',
      narrative: form.get('narrative') ?? '',
      difficulties: form.get('difficulties') ?? '',
      evidence: rows,
    },
    rowOf: rows.flatMap((row, i) => (filled(row) ? [i] : [])),
  };
}

/** The API's issues about an answer, with each link's place turned from the API's list (filled links) into the form's rows. */
function formIssues(details: { field: string; message: string }[], rowOf: number[]): FieldIssue[] {
  return details.map((d) => {
    const row = /^evidence\.(\d+)\.(url|title)$/.exec(d.field);
    return row ? { ...d, field: `evidence.${rowOf[Number(row[1])] ?? Number(row[1])}.${row[2]}` } : d;
  });
}

/** A refused answer sent without JavaScript: the page again, at the mandate, with what was typed and a message beside each refused field. */
async function refusedAnswerPage(
  event: HttpEvent,
  mandateId: string,
  details: { field: string; message: string }[],
): Promise<HttpResult | undefined> {
  const form = formFields(event);
  const back = new URLSearchParams(form.get('back') ?? '');
  const lang = back.get('lang');
  const { typed, rowOf } = typedFromForm(form);
  // At the mandate, with no filter: a filter could hide the form that holds what was typed.
  const view = await portalView(
    event.stateSession!,
    { stores: stores(), summits },
    { language: LANGUAGES.includes(lang as Language) ? (lang as Language) : undefined, query: { at: mandateId } },
  );
  // No form to show it in (not a mandate of the cycle, or a submitted report): the page that says why.
  if (isSubmitted(view.assignment.status) || !view.items.some((i) => i.mandate.id === mandateId)) return undefined;
  const pageNonce = nonce();
  const body = renderPortal(view, {
    language: view.language,
    now: new Date().toISOString(),
    nonce: pageNonce,
    contact: config().contactEmail,
    refused: { mandateId, typed, issues: formIssues(details, rowOf) },
  });
  return htmlPage(400, body, pageNonce, { connectSrc: uploadOrigin() });
}

/** A refusal in the page's words: each field's mistake named as the page labels the field, else why it failed. */
function refusalMessages(refused: HttpError, language: Language): string[] {
  const words = PORTAL_WORDS[language];
  const help = PORTAL_HELP[language];
  const details = refused.details as { field: string; message: string }[] | undefined;
  if (Array.isArray(details) && details.length > 0) {
    const labels: Record<string, string> = { proposedDeadline: words.proposedDate, reason: words.reason };
    return details.map((d) =>
      labels[d.field]
        ? `${labels[d.field]}${colonOf(language)}${help.problems[d.field === 'reason' ? 'required' : 'invalid']}`
        : fieldMessage(d, language),
    );
  }
  if (refused.code === 'version_conflict') return [words.conflict];
  if (refused.code === 'already_submitted' || refused.statusCode === 409) return [help.alreadySubmitted];
  if (refused.statusCode === 413) return [help.tooLarge];
  return [help.otherError];
}

/**
 * The page's forms work without JavaScript: a form post that succeeds goes back to the page; a refused
 * answer comes back on the page as typed, with a message beside each refused field (`onRefused`); any other
 * refusal gets a page that says why, in the state's language. API clients get JSON either way, with its codes.
 */
async function respond(
  event: HttpEvent,
  backTo: string,
  work: () => Promise<HttpResult>,
  onRefused?: (refused: HttpError) => Promise<HttpResult | undefined>,
): Promise<HttpResult> {
  try {
    const result = await work();
    return isForm(event) ? redirect(backTo) : result;
  } catch (error) {
    const refused = toHttpError(error);
    if (!isForm(event) || !(refused instanceof HttpError) || refused.statusCode >= 500) throw error;
    const page = await onRefused?.(refused);
    if (page) return page;
    const session = event.stateSession!;
    const assignment = await stores().assignments.getAssignment(session.cycleId, session.stateCode);
    const language = (assignment?.language ?? 'en') as Language;
    const pageNonce = nonce();
    return htmlPage(
      refused.statusCode,
      renderFormErrors(refusalMessages(refused, language), language, pageNonce, backTo, config().contactEmail),
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
  return respond(
    event,
    answerPlace(event, mandateId),
    async () => {
      const answer = await saveAnswer(session, mandateId, input(event, answerInputSchema, answerFromForm), {
        stores: stores(),
        now: new Date().toISOString(),
      });
      const assignment = await stores().assignments.getAssignment(session.cycleId, session.stateCode);
      return json(200, {
        answer,
        progress: { answered: assignment?.answeredCount ?? Number(isAnswered(answer)), total: assignment?.mandateCount ?? 0 },
      });
    },
    async (refused) => {
      const details = refused.details as { field: string; message: string }[] | undefined;
      if (refused.statusCode !== 400 || !Array.isArray(details) || details.length === 0) return undefined;
      return refusedAnswerPage(event, mandateId, details);
    },
  );
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

/** The contributors page, in the language the form was sent from, saying what was done. */
function teamPlace(event: HttpEvent, done: 'added' | 'removed'): string {
  let lang: string | null;
  try {
    lang = isForm(event) ? formFields(event).get('lang') : null;
  } catch {
    lang = null; // a body too large: the action itself refuses it
  }
  const kept = new URLSearchParams({ view: 'team' });
  if (LANGUAGES.includes(lang as Language)) kept.set('lang', lang!);
  kept.set('done', done);
  return `/respond?${kept}#team`;
}

/**
 * The page's "add a contributor" form: name, email, institution, and the mandates chosen, by whole groups
 * (`groups`: a theme and instrument, as the page keys them) and one by one (`mandates`), in the cycle's order.
 */
async function contributorFromForm(event: HttpEvent) {
  const form = formFields(event);
  const groups = new Set(form.getAll('groups'));
  const single = new Set(form.getAll('mandates'));
  let mandates = [...single];
  if (groups.size > 0) {
    const view = await portalView(event.stateSession!, { stores: stores(), summits }, { query: {} });
    const chosen = view.items.filter((i) => groups.has(i.group) || single.has(i.mandate.id)).map((i) => i.mandate.id);
    mandates = [...new Set([...chosen, ...single])];
  }
  const institution = (form.get('institution') ?? '').trim();
  const parsed = contributorInputSchema.safeParse({
    name: (form.get('name') ?? '').trim(),
    email: (form.get('email') ?? '').trim(),
    ...(institution ? { institution } : {}),
    mandates,
  });
  if (!parsed.success) throw validationError('invalid_body', parsed.error.issues);
  return parsed.data;
}

/** A refused "add a contributor" form: what is wrong, in the page's words, and the way back to the contributors page. */
async function refusedContributorPage(event: HttpEvent, refused: HttpError): Promise<HttpResult> {
  const session = event.stateSession!;
  const assignment = await stores().assignments.getAssignment(session.cycleId, session.stateCode);
  let lang: string | null;
  try {
    lang = formFields(event).get('lang');
  } catch {
    lang = null;
  }
  const language = (LANGUAGES.includes(lang as Language) ? lang : (assignment?.language ?? 'en')) as Language;
  const problems = TEAM_WORDS[language].contributorProblems;
  const details = Array.isArray(refused.details) ? (refused.details as { field: string }[]) : [];
  const messages =
    details.length > 0
      ? [
          ...new Set(
            details.map((d) => {
              const field = d.field.split('.')[0];
              if (field === 'mandates') return TEAM_WORDS[language].noMandates;
              return field === 'name' || field === 'email' || field === 'institution' ? problems[field] : problems.other;
            }),
          ),
        ]
      : refused.code === 'contributor_exists'
        ? [problems.exists]
        : refused.code === 'too_many_contributors'
          ? [problems.tooMany]
          : refused.statusCode === 403
            ? [PORTAL_HELP[language].otherError]
            : refusalMessages(refused, language);
  const pageNonce = nonce();
  return htmlPage(
    refused.statusCode,
    renderFormErrors(messages, language, pageNonce, `/respond?view=team&lang=${language}`, config().contactEmail),
    pageNonce,
  );
}

/** Removes a contributor: DELETE from an API client, or the page's form post (after its confirmation). */
const removeOne = async (event: HttpEvent) =>
  respond(event, teamPlace(event, 'removed'), async () => {
    await removeContributor(event.stateSession!, event.pathParameters?.contributorId ?? '', {
      stores: stores(),
      now: new Date().toISOString(),
    });
    return json(200, { removed: true });
  });

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
    round: view.assignment.round ?? null,
    role: view.contributor ? 'contributor' : 'coordinator',
    ...(view.contributor
      ? { contributor: { id: view.contributor.id, name: view.contributor.name, mandates: view.contributor.mandates } }
      : {}),
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
    /** Offered from an earlier cycle, not saved in this one yet: it counts as unanswered until confirmed or changed. */
    carriedForward: Boolean(item.answer?.carriedForward),
    carriedFrom: item.carriedFrom ?? null,
    review: item.answer?.review
      ? { decision: item.answer.review.decision, comment: item.answer.review.comment, at: item.answer.review.at }
      : null,
    comments: (item.comments ?? []).map((c) => ({ id: c.id, at: c.at, side: c.side, author: c.author, text: c.text })),
    history: item.history ?? [],
    files: (item.files ?? []).map(fileEntry),
    lineage: item.lineage ?? [],
    editable: item.editable ?? true,
  };
}

export const handler = routeHandlers(
  'assignment',
  {
    'GET /api/assignment': readAssignment,

    'PUT /api/assignment/answers/{mandateId}': saveOne,
    'POST /api/assignment/answers/{mandateId}': saveOne,

    'POST /api/assignment/submit': async (event) =>
      respond(event, '/respond', async () =>
        json(200, await submitReport(event.stateSession!, { stores: stores(), now: new Date().toISOString() })),
      ),

    'GET /api/assignment/contributors': async (event) => json(200, { contributors: await listContributors(event.stateSession!, stores()) }),

    'POST /api/assignment/contributors': async (event) =>
      respond(
        event,
        teamPlace(event, 'added'),
        async () => {
          const given = isForm(event) ? await contributorFromForm(event) : parseBody(event, contributorInputSchema);
          const contributor = await addContributor(event.stateSession!, given, { stores: stores(), now: new Date().toISOString() });
          return json(201, { id: contributor.id });
        },
        (refused) => refusedContributorPage(event, refused),
      ),

    'DELETE /api/assignment/contributors/{contributorId}': removeOne,
    'POST /api/assignment/contributors/{contributorId}/remove': removeOne,

    'POST /api/assignment/answers/{mandateId}/comments': async (event) => {
      const session = event.stateSession!;
      const mandateId = event.pathParameters?.mandateId ?? '';
      return respond(event, answerPlace(event, mandateId), async () => {
        const { text } = input(event, commentInputSchema, (form) => ({ text: form.get('text') ?? '' }));
        const comment = await addComment(
          { cycleId: session.cycleId, stateCode: session.stateCode, mandateId },
          { text, side: 'state', author: actorOf(session) },
          { stores: stores(), now: new Date().toISOString() },
        );
        return json(201, { comment });
      });
    },

    'POST /api/assignment/answers/{mandateId}/files': async (event) =>
      json(
        201,
        await startUpload(event.stateSession!, event.pathParameters?.mandateId ?? '', parseBody(event, fileInputSchema), {
          stores: stores(),
          storage: evidenceStorage,
          now: new Date().toISOString(),
        }),
      ),

    'POST /api/assignment/files/{fileId}/complete': async (event) =>
      json(200, {
        file: await completeUpload(event.stateSession!, event.pathParameters?.fileId ?? '', parseBody(event, fileCompleteSchema), {
          stores: stores(),
          storage: evidenceStorage,
          now: new Date().toISOString(),
        }),
      }),

    'GET /api/assignment/files/{fileId}': async (event) =>
      redirect(await fileDownload(event.stateSession!, event.pathParameters?.fileId ?? '', { stores: stores(), storage: evidenceStorage })),

    'DELETE /api/assignment/files/{fileId}': async (event) => {
      await removeFile(event.stateSession!, event.pathParameters?.fileId ?? '', {
        stores: stores(),
        storage: evidenceStorage,
        now: new Date().toISOString(),
      });
      return json(200, { removed: true });
    },

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
  },
  {
    // A form sent without JavaScript after the session ended: the page that says so, in the page's language, not JSON.
    whenRefused: (event, error) => {
      if (!isForm(event) || error.statusCode !== 401) return undefined;
      let lang: string | null;
      try {
        lang = formFields(event).get('lang');
      } catch {
        lang = null;
      }
      const pageNonce = nonce();
      return htmlPage(401, renderProblem('no_session', guessedLanguage(event, lang), pageNonce, config().contactEmail), pageNonce);
    },
  },
);
