import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { summits } from '../../seeds/registry';
import { config } from '../../shared/config';
import { rateLimited } from '../../shared/domain/errors';
import { ASSIGNMENT_ACTION_TABLE, jobMinutes, REMINDER_RUN_MINUTES } from '../../shared/http/actions';
import { HttpError, toHttpError } from '../../shared/http/errors';
import { clientOf, type HttpResult } from '../../shared/http/handler';
import { validationError } from '../../shared/http/query';
import { reportQuerySchema } from '../../shared/http/report-query';
import { reportResponse } from '../../shared/http/report-response';
import { routeHandlers } from '../../shared/http/router';
import { routeOf } from '../../shared/http/routes';
import { CONSOLE_COOKIE, cookie, formFields, htmlPage, nonce, redirect, sameSecret, setCookie } from '../../shared/http/web';
import {
  cognitoSignInBody,
  consolePage,
  cyclesBody,
  importMandatesBody,
  importPreviewBody,
  newCycleBody,
  problemBody,
  signInBody,
  statesBody,
  stateFormBody,
  statesImportBody,
} from '../../shared/render/console';
import { confirmActionBody, cycleBody, stateTableView } from '../../shared/render/console-cycle';
import { cycleProblemOf, cycleRequestFromForm, extensionProblem, typedCycleForm } from './cycle-form';
import type { NewCycleTyped } from '../../shared/render/console';
import { reportFiles } from '../../shared/storage';
import { stores } from '../../shared/store';
import { countAttempt, forgiveAttempt } from '../../shared/usecases/attempts';
import { continueSignIn, startSignIn, type CognitoSettings } from '../../shared/auth/cognito-sign-in';
import { CONSOLE_SESSION_HOURS, endConsoleSession, SIGN_IN_LIMIT, startConsoleSession } from '../../shared/usecases/console-session';
import { auditPage, createCycle, cycleStatus } from '../../shared/usecases/cycles';
import { exportRegister, importRegister, updateState } from '../../shared/usecases/register';
import { stateChangeSchema } from '../../shared/domain/register';
import { buildReport, reportSource, responseOfStatus } from '../../shared/usecases/reports';
import { snapshotsWithLinks } from '../../shared/usecases/snapshots';
import { importMandatePage, importPageSchema, MAX_PAGE_BYTES, type PageProblem } from '../../shared/usecases/import-mandates';
import { DomainError } from '../../shared/domain/errors';
import type { HttpEvent } from '../../shared/http/types';
import { logger } from '../../shared/log';
import { reviewBody } from '../../shared/render/console-review';
import { reviewView } from '../../shared/usecases/review-view';
import { reviewReport } from '../../shared/usecases/team';
import { reviewInputSchema } from '../../shared/domain/team';
import { fileDownload } from '../../shared/usecases/evidence';
import { evidenceStorage } from '../../shared/evidence-storage';

const AUDIT_PAGE = 50;
const REVIEW_PAGE = 100;
/** Up to this many answers (states × mandates) the cycle page adds up the answers by mandate on each view. */
const LIVE_REPORT_ANSWERS = 20_000;

/** What the register's form says beside a field it refuses, in the words of its label. */
const FIELD_PROBLEMS: Record<string, string> = {
  focalPoints: 'Focal points: write one email address a line (name@ministry.gov), the coordinator first; at most 10.',
  name: 'Name: one line, at most 100 characters.',
  localName: "Name in the state's language: one line, at most 100 characters.",
  note: 'Note: at most 1,000 characters.',
};

function page(
  statusCode: number,
  title: string,
  body: Parameters<typeof consolePage>[0]['body'],
  signedIn = true,
  cookies?: string[],
): HttpResult {
  const pageNonce = nonce();
  return htmlPage(statusCode, consolePage({ title, nonce: pageNonce, body, signedIn, contactEmail: config().contactEmail }), pageNonce, {
    cookies,
  });
}

const signInPage = (statusCode: number, error?: string) =>
  page(statusCode, 'Sign in', cognito() ? cognitoSignInBody({ kind: 'password' }, error) : signInBody(error), false);

async function startSession(actor: string): Promise<HttpResult> {
  const id = await startConsoleSession(actor, { stores: stores(), now: new Date().toISOString() });
  return {
    ...redirect('/console'),
    cookies: [setCookie(CONSOLE_COOKIE, id, { path: '/console', maxAgeSeconds: CONSOLE_SESSION_HOURS * 3600 })],
  };
}

let cognitoSettings: CognitoSettings | undefined;

/** On AWS the console signs in through the secretariat's Cognito user pool; locally with the token. */
function cognito(): CognitoSettings | undefined {
  const { cognitoClientId, cognitoEndpoint, region } = config();
  if (!cognitoClientId) return undefined;
  cognitoSettings ??= {
    clientId: cognitoClientId,
    client: new CognitoIdentityProviderClient({
      region,
      endpoint: cognitoEndpoint,
      credentials: cognitoEndpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    }),
  };
  return cognitoSettings;
}

async function cognitoSignIn(form: URLSearchParams): Promise<HttpResult> {
  const kind = form.get('step');
  const settings = cognito()!;
  const carried = { username: form.get('username') ?? '', session: form.get('session') ?? '' };
  const step =
    kind === 'new_password' || kind === 'totp' || kind === 'mfa_setup'
      ? await continueSignIn(settings, { kind, ...carried }, { newPassword: form.get('newPassword') ?? '', code: form.get('code') ?? '' })
      : await startSignIn(settings, form.get('email') ?? '', form.get('password') ?? '');
  if (step.kind === 'signed_in') return startSession(step.actor);
  // A refused step starts over from the password: Cognito's session for the challenge is spent.
  if (step.kind === 'refused') return page(401, 'Sign in', cognitoSignInBody({ kind: 'password' }, step.message), false);
  return page(200, 'Sign in', cognitoSignInBody(step), false);
}

/** Back to where the action came from, with a notice or an error. */
const back = (path: string, outcome: Record<string, string | undefined>, anchor = '') =>
  redirect(
    `${path}?${new URLSearchParams(Object.entries(outcome).filter((e): e is [string, string] => e[1] !== undefined)).toString()}${anchor}`,
  );

/** A client mistake as the message the console shows; anything else is rethrown. */
function clientMistake(error: unknown): string {
  const mapped = toHttpError(error);
  if (mapped instanceof HttpError && mapped.statusCode < 500) return mapped.description;
  throw error;
}

async function newCycleForm(
  statusCode: number,
  refused: { typed?: NewCycleTyped; problems?: Record<string, string>; error?: string; idempotencyKey?: string } = {},
) {
  const store = stores();
  const documents = [...new Set((await store.mandates.listMandates()).map((m) => m.document))].sort();
  const states = (await store.states.listStates()).sort((a, b) => a.name.localeCompare(b.name));
  const today = new Date().toISOString().slice(0, 10);
  return scriptedPage(statusCode, 'Open a cycle', (pageNonce) =>
    newCycleBody({
      summits,
      documents,
      states,
      idempotencyKey: refused.idempotencyKey ?? randomUUID(),
      nonce: pageNonce,
      today,
      ...refused,
    }),
  );
}

/** The filters and sort of the state table an action came from ("?status=late"), checked again: only known values go back. */
function tableQuery(value: string | null): string {
  const view = stateTableView(Object.fromEntries(new URLSearchParams(value ?? '')));
  const params = new URLSearchParams(
    Object.entries(view).filter(([key, v]) => v && !(key === 'sort' && v === 'state')) as [string, string][],
  );
  return params.size ? `?${params}` : '';
}

/** The import form carries a whole page (up to 200 KB), which URL-encoding can make up to three times larger. */
const IMPORT_FORM_MAX_BYTES = 3 * MAX_PAGE_BYTES + 64 * 1024;

function importFormFields(event: HttpEvent): URLSearchParams {
  if (!event.body) return new URLSearchParams();
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > IMPORT_FORM_MAX_BYTES) {
    throw new DomainError(
      'too_large',
      'payload_too_large',
      `The form is larger than ${IMPORT_FORM_MAX_BYTES / 1024} KB: the page may be 200 KB at most`,
    );
  }
  return new URLSearchParams(bytes.toString('utf8'));
}

/** A console page whose body runs a script of its own (the import form reads a file), so the body gets the page's nonce. */
function scriptedPage(
  statusCode: number,
  title: string,
  body: (pageNonce: string) => Parameters<typeof consolePage>[0]['body'],
): HttpResult {
  const pageNonce = nonce();
  return htmlPage(
    statusCode,
    consolePage({ title, nonce: pageNonce, body: body(pageNonce), signedIn: true, contactEmail: config().contactEmail }),
    pageNonce,
  );
}

/** A console page whose client mistakes (a cycle that is not there, a bad cursor) are told as a page, not as JSON. */
function pageOrProblem(handler: (event: HttpEvent) => Promise<HttpResult>) {
  return async (event: HttpEvent) => {
    try {
      return await handler(event);
    } catch (error) {
      const mapped = toHttpError(error);
      if (!(mapped instanceof HttpError) || mapped.statusCode >= 500) throw error;
      const heading = mapped.statusCode === 404 ? 'Not found' : 'That did not work';
      return page(mapped.statusCode, heading, problemBody(heading, mapped.description));
    }
  };
}

/**
 * The secretariat console: server-rendered pages over the same use cases as the API. Signed in
 * through Cognito on AWS (password, then a new password or the authenticator code as Cognito asks),
 * locally with the secretariat token; either way into an HttpOnly, SameSite=Strict session cookie.
 * Access (a console session; no request from another site) is checked by the route table's level.
 */
export const handler = routeHandlers(
  'console',
  {
    'POST /console/sign-in': async (event) => {
      const now = new Date().toISOString();
      const client = clientOf(event);
      const attempt = await countAttempt(stores().limits, SIGN_IN_LIMIT, client, now);
      if (attempt.limited) throw rateLimited('Too many sign-in attempts from this address; wait a few minutes and try again', attempt);
      const form = formFields(event);
      let result: HttpResult;
      if (cognito()) {
        result = await cognitoSignIn(form);
      } else {
        const expected = config().secretariatToken;
        const given = form.get('token') ?? '';
        if (!expected) return page(401, 'Sign in', signInBody('Signing in with a token is not enabled on this deployment.'), false);
        result =
          given && sameSecret(given, expected)
            ? await startSession('secretariat')
            : page(401, 'Sign in', signInBody('That token is not right.'), false);
      }
      if (result.statusCode && result.statusCode < 400) await forgiveAttempt(stores().limits, SIGN_IN_LIMIT, client, now);
      return result;
    },

    'POST /console/sign-out': async (event) => {
      await endConsoleSession(cookie(event, CONSOLE_COOKIE), { stores: stores() });
      return { ...redirect('/console'), cookies: [setCookie(CONSOLE_COOKIE, '', { path: '/console', maxAgeSeconds: 0 })] };
    },

    'GET /console': async (event) => {
      const query = event.queryStringParameters ?? {};
      return page(200, 'Reporting cycles', cyclesBody(await stores().cycles.listCycles(), query.notice, query.error));
    },

    'GET /console/cycles/new': async () => newCycleForm(200),

    'POST /console/cycles': pageOrProblem(async (event) => {
      const form = formFields(event);
      const typed = typedCycleForm(form);
      const idempotencyKey = form.get('idempotencyKey') ?? undefined;
      const now = new Date().toISOString();
      const checked = cycleRequestFromForm(typed, now.slice(0, 10));
      if (!checked.request) return newCycleForm(400, { typed, problems: checked.problems, idempotencyKey });
      try {
        const { cycle } = await createCycle(checked.request, {
          stores: stores(),
          summits,
          actor: event.consoleActor!,
          now,
          idempotencyKey,
          requireRealAddresses: config().requireRealAddresses,
        });
        const when =
          cycle.status === 'scheduled'
            ? ` It opens on ${cycle.opensAt.slice(0, 10)}; the invitations go out within ${jobMinutes('open-cycles') + REMINDER_RUN_MINUTES} minutes of that.`
            : ` The invitations go out within ${REMINDER_RUN_MINUTES} minutes, with the next run of the reminder job.`;
        return back(`/console/cycles/${encodeURIComponent(cycle.id)}`, { notice: `Cycle created.${when}` });
      } catch (error) {
        const message = clientMistake(error);
        const mapped = toHttpError(error) as HttpError;
        const problems = cycleProblemOf(mapped.code);
        return newCycleForm(mapped.statusCode, problems ? { typed, problems, idempotencyKey } : { typed, error: message, idempotencyKey });
      }
    }),

    'GET /console/cycles/{id}/report': async (event) => {
      const parsed = reportQuerySchema.safeParse(event.queryStringParameters ?? {});
      if (!parsed.success) throw validationError('invalid_query', parsed.error.issues);
      return reportResponse(event.pathParameters?.id ?? '', parsed.data);
    },

    'GET /console/cycles/{id}': pageOrProblem(async (event) => {
      const cycleId = event.pathParameters?.id ?? '';
      const query = event.queryStringParameters ?? {};
      const store = stores();
      const now = new Date().toISOString();
      const status = await cycleStatus(store, cycleId, now);
      // A small cycle is added up live; a large one shows its counts, and its answers by mandate come with the report files.
      const live = status.cycle.stateCount * status.cycle.mandateCount <= LIVE_REPORT_ANSWERS;
      const [report, snapshots, audit, states] = await Promise.all([
        live ? reportSource(store, cycleId).then((source) => buildReport(store, source, { now })) : undefined,
        snapshotsWithLinks(store, reportFiles, cycleId),
        auditPage(store, cycleId, { limit: AUDIT_PAGE, cursor: query.audit?.slice(0, 4000) }),
        store.states.listStates(),
      ]);
      const languages = Object.fromEntries(states.map((s) => [s.code, s.language]));
      return page(
        200,
        status.cycle.title,
        cycleBody({
          status,
          response: report?.response ?? responseOfStatus(status),
          byMandate: report?.byMandate,
          snapshots,
          audit,
          view: stateTableView(query),
          languages,
          now,
          notice: query.notice,
          error: query.error,
          row: query.row,
          refusedExtension:
            query.field === 'deadline' || query.field === 'reason'
              ? { field: query.field, deadline: query.deadline ?? '', reason: query.reason ?? '' }
              : undefined,
        }),
      );
    }),

    'GET /console/states': async (event) => {
      const query = event.queryStringParameters ?? {};
      const states = (await stores().states.listStates()).sort((a, b) => a.name.localeCompare(b.name));
      return page(200, 'Member states', statesBody(states, query.notice, query.error));
    },

    'GET /console/states/export': async () => ({
      statusCode: 200,
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="member-states.csv"' },
      body: await exportRegister(stores()),
    }),

    'GET /console/states/import': async () => page(200, 'Import the register', statesImportBody({ text: '' })),

    'POST /console/states/import': async (event) => {
      const form = formFields(event);
      const text = form.get('csv') ?? '';
      try {
        const result = await importRegister(stores(), text, { apply: form.get('step') === 'apply', now: new Date().toISOString() });
        if (result.applied) return back('/console/states', { notice: `${result.changed.length} state(s) updated from the file.` });
        return page(200, 'Import the register', statesImportBody({ text, preview: result }));
      } catch (error) {
        const mapped = toHttpError(error);
        if (!(mapped instanceof HttpError) || mapped.statusCode >= 500) throw error;
        const problems = (mapped.details as { problems?: { line: number; message: string }[] } | undefined)?.problems ?? [
          { line: 1, message: mapped.description },
        ];
        return page(mapped.statusCode, 'Import the register', statesImportBody({ text, problems }));
      }
    },

    'GET /console/states/{code}': async (event) => {
      const state = await stores().states.getState(event.pathParameters?.code ?? '');
      if (!state)
        return page(
          404,
          'Not found',
          problemBody('There is no such state', 'No state in the register has this code. Pick one from the list of member states.'),
        );
      return page(200, state.name, stateFormBody(state));
    },

    'POST /console/states/{code}': async (event) => {
      const state = await stores().states.getState(event.pathParameters?.code ?? '');
      if (!state)
        return page(
          404,
          'Not found',
          problemBody('There is no such state', 'No state in the register has this code. Pick one from the list of member states.'),
        );
      const typed = Object.fromEntries(formFields(event)) as Record<string, string>;
      const parsed = stateChangeSchema.safeParse({
        name: typed.name,
        localName: typed.localName,
        language: typed.language,
        active: typed.active === 'on',
        focalPoints: (typed.focalPoints ?? '').split(/[\s,;]+/).filter(Boolean),
        note: typed.note ?? '',
      });
      if (!parsed.success) {
        const problems = Object.fromEntries(
          parsed.error.issues.map((i) => [String(i.path[0] ?? 'focalPoints'), FIELD_PROBLEMS[String(i.path[0])] ?? i.message]),
        );
        return page(400, state.name, stateFormBody(state, typed, problems));
      }
      await updateState(stores(), state.code, parsed.data, new Date().toISOString());
      return back(
        '/console/states',
        { notice: `${state.name} saved; the next email goes to ${parsed.data.focalPoints?.join(', ')}.` },
        `#state-${state.code}`,
      );
    },

    'GET /console/mandates/import': async () =>
      scriptedPage(200, 'Import mandates', (pageNonce) => importMandatesBody({ nonce: pageNonce })),

    'POST /console/mandates/import': async (event) => {
      let fields = { name: '', text: '', translates: undefined as string | undefined };
      const form = (statusCode: number, extra: { error?: string; problems?: PageProblem[] } = {}) =>
        scriptedPage(statusCode, 'Import mandates', (pageNonce) => importMandatesBody({ nonce: pageNonce, ...fields, ...extra }));
      try {
        const posted = importFormFields(event);
        fields = {
          name: (posted.get('name') ?? '').trim(),
          text: (posted.get('text') ?? '').replace(/\r\n?/g, '\n'),
          translates: (posted.get('translates') ?? '').trim() || undefined,
        };
        if (posted.get('edit')) return form(200);
        const parsed = importPageSchema.safeParse({
          name: fields.name,
          text: fields.text,
          apply: posted.get('apply') === '1',
          ...(fields.translates ? { translates: fields.translates } : {}),
        });
        if (!parsed.success) throw validationError('invalid_body', parsed.error.issues);
        const preview = await importMandatePage(parsed.data, { store: stores().mandates, summits, now: new Date().toISOString() });
        if (preview.applied)
          logger.info('mandate page imported', { actor: event.consoleActor, page: preview.page.name, counts: preview.counts });
        const title = `${preview.applied ? 'Imported' : 'Preview of'} ${preview.page.name}`;
        return page(200, title, importPreviewBody({ preview, text: fields.text, translates: fields.translates }));
      } catch (error) {
        const mapped = toHttpError(error);
        if (!(mapped instanceof HttpError) || mapped.statusCode >= 500) throw error;
        if (mapped.code === 'page_has_problems') {
          return form(mapped.statusCode, { problems: (mapped.details as { problems: PageProblem[] }).problems });
        }
        return form(mapped.statusCode, { error: mapped.description });
      }
    },

    'GET /console/cycles/{id}/states/{code}/review': pageOrProblem(async (event) => {
      const key = { cycleId: event.pathParameters?.id ?? '', stateCode: event.pathParameters?.code ?? '' };
      const query = event.queryStringParameters ?? {};
      const offset = Math.max(0, Math.min(100_000, Number.parseInt(query.offset ?? '0', 10) || 0));
      const view = await reviewView(key, stores(), { offset, limit: REVIEW_PAGE });
      return scriptedPage(200, `Review ${view.stateName}`, (pageNonce) => reviewBody(view, pageNonce, query.notice, query.error));
    }),

    'POST /console/cycles/{id}/states/{code}/review': pageOrProblem(async (event) => {
      const key = { cycleId: event.pathParameters?.id ?? '', stateCode: event.pathParameters?.code ?? '' };
      const offset = Math.max(0, Number.parseInt(event.queryStringParameters?.offset ?? '0', 10) || 0);
      const form = formFields(event);
      const decisions = [...form]
        .filter(([name, value]) => name.startsWith('decision:') && (value === 'accepted' || value === 'returned'))
        .map(([name, value]) => {
          const mandateId = name.slice('decision:'.length);
          const comment = (form.get(`comment:${mandateId}`) ?? '').trim();
          return { mandateId, decision: value as 'accepted' | 'returned', ...(comment ? { comment } : {}) };
        });
      const here = `/console/cycles/${encodeURIComponent(key.cycleId)}/states/${encodeURIComponent(key.stateCode)}/review`;
      const parsed = reviewInputSchema.safeParse({
        decisions,
        ...(form.get('acceptRest') === 'true' ? { acceptRest: true } : {}),
        ...(form.get('deadline') ? { deadline: form.get('deadline') } : {}),
      });
      if (!parsed.success) {
        const missing = parsed.error.issues.find((issue) => issue.path.includes('comment'));
        const error = missing
          ? `Nothing was recorded: a returned answer needs a comment saying what to change (${decisions
              .filter((d) => d.decision === 'returned' && !d.comment)
              .map((d) => d.mandateId)
              .join(', ')}).`
          : 'Nothing was recorded: choose Accept or Return for at least one answer, or tick "Accept all the rest".';
        return back(here, { offset: String(offset), error });
      }
      try {
        const outcome = await reviewReport(key, parsed.data, {
          stores: stores(),
          now: new Date().toISOString(),
          actor: event.consoleActor!,
        });
        const notice =
          outcome.status === 'returned'
            ? `${outcome.returned} returned, ${outcome.accepted} accepted. The state is emailed the list with your comments within ${REMINDER_RUN_MINUTES} minutes; its new deadline is ${outcome.deadline.slice(0, 10)}.`
            : outcome.status === 'accepted'
              ? `${outcome.accepted} accepted: the whole report is accepted and locked.`
              : `${outcome.accepted} accepted; the report stays in review.`;
        return back(here, { offset: String(offset), notice });
      } catch (error) {
        return back(here, { offset: String(offset), error: clientMistake(error) });
      }
    }),

    'GET /console/cycles/{id}/states/{code}/files/{fileId}': pageOrProblem(async (event) =>
      redirect(
        await fileDownload(
          { cycleId: event.pathParameters?.id ?? '', stateCode: event.pathParameters?.code ?? '' },
          event.pathParameters?.fileId ?? '',
          { stores: stores(), storage: evidenceStorage },
        ),
      ),
    ),

    'POST /console/cycles/{id}/states/{code}/*': pageOrProblem(async (event) => {
      const cycleId = event.pathParameters?.id ?? '';
      const code = event.pathParameters?.code ?? '';
      const name = routeOf(event.routeKey)!.action!;
      const action = ASSIGNMENT_ACTION_TABLE[name];
      const form = formFields(event);
      const view = tableQuery(form.get('view'));
      const stateName = (await stores().states.getState(code))?.name ?? code;
      // Back to the row the action came from, its outcome shown there, the table as it was filtered.
      const backToRow = (outcome: Record<string, string | undefined>) =>
        back(
          `/console/cycles/${encodeURIComponent(cycleId)}`,
          { ...Object.fromEntries(new URLSearchParams(view)), ...outcome, row: code },
          `#row-${encodeURIComponent(code)}`,
        );
      if (action.confirm && form.get('confirmed') !== 'yes') {
        const confirm = action.confirm;
        return page(
          200,
          confirm.question(stateName),
          confirmActionBody({
            cycleId,
            code,
            action: name,
            question: confirm.question(stateName),
            consequence: confirm.consequence(stateName),
            yes: confirm.yes(stateName),
            view,
          }),
        );
      }
      try {
        let input: unknown;
        if (action.input) {
          const fields = [...form].filter(([key, value]) => value !== '' && key !== 'view' && key !== 'confirmed');
          const parsed = action.input.safeParse(Object.fromEntries(fields));
          if (!parsed.success) throw validationError('invalid_body', parsed.error.issues);
          input = parsed.data;
        }
        const assignment = await action.run(stores(), cycleId, code, input, { actor: event.consoleActor!, now: new Date().toISOString() });
        return backToRow({ notice: action.done(stateName, assignment) });
      } catch (error) {
        const message = clientMistake(error);
        const problem = name === 'extension' ? extensionProblem(message) : undefined;
        if (!problem) return backToRow({ error: `${stateName}: ${message}` });
        // Back to the row's form, open, with what was typed and the problem beside its field.
        return backToRow({
          error: problem.message,
          field: problem.field,
          deadline: (form.get('deadline') ?? '').slice(0, 40),
          reason: (form.get('reason') ?? '').slice(0, 1000),
        });
      }
    }),
  },
  {
    whenRefused: (_event, error) =>
      error.statusCode === 401 ? signInPage(401) : page(error.statusCode, 'Refused', signInBody(error.description), false),
  },
);
