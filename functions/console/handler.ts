import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { summits } from '../../seeds/registry';
import { config } from '../../shared/config';
import { createCycleSchema, endOfDayIfDate } from '../../shared/domain/cycles';
import { HttpError } from '../../shared/http/errors';
import { httpHandler, type HttpEvent, type HttpResult } from '../../shared/http/handler';
import { validationError } from '../../shared/http/query';
import { reportQuerySchema } from '../../shared/http/report-query';
import { reportResponse } from '../../shared/http/report-response';
import { cookie, formFields, htmlPage, nonce, redirect } from '../../shared/http/web';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoSignInBody, consolePage, cycleBody, cyclesBody, newCycleBody, signInBody } from '../../shared/render/console';
import { continueSignIn, startSignIn, type CognitoSettings } from '../../shared/usecases/console-sign-in';
import { downloadLink } from '../../shared/storage';
import { stores } from '../../shared/store';
import { createCycle, cycleStatus, grantExtension, remindNow, reopen, revokeLink, rotateLink } from '../../shared/usecases/cycles';
import { buildReport, reportSource } from '../../shared/usecases/reports';

const COOKIE = 'mf_console';
const SESSION_HOURS = 8;
const hash = (value: string) => createHash('sha256').update(value).digest('hex');

function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hash(given)), Buffer.from(hash(expected)));
}

async function signedInActor(event: HttpEvent): Promise<string | undefined> {
  const id = cookie(event, COOKIE);
  if (!id || !/^[A-Za-z0-9_-]{20,100}$/.test(id)) return undefined;
  const session = await stores().answers.getConsoleSession(hash(id));
  return session && session.expiresAt > new Date().toISOString() ? session.actor : undefined;
}

function page(statusCode: number, title: string, body: Parameters<typeof consolePage>[0]['body'], signedIn = true, cookies?: string[]): HttpResult {
  const pageNonce = nonce();
  return htmlPage(statusCode, consolePage({ title, nonce: pageNonce, body, signedIn }), pageNonce, { cookies });
}

/** A console session for a signed-in user: its id in an HttpOnly cookie, only its hash in the table. */
async function startSession(actor: string): Promise<HttpResult> {
  const id = randomBytes(32).toString('base64url');
  await stores().answers.putConsoleSession(hash(id), { actor, expiresAt: new Date(Date.now() + SESSION_HOURS * 3_600_000).toISOString() });
  const secure = config().secureCookies ? '; Secure' : '';
  return { ...redirect('/console'), cookies: [`${COOKIE}=${id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}${secure}`] };
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

async function cognitoSignIn(event: HttpEvent): Promise<HttpResult> {
  const form = formFields(event);
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

const back = (path: string, outcome: { notice?: string; error?: string }) =>
  redirect(`${path}?${new URLSearchParams(outcome as Record<string, string>).toString()}`);

/** The console's form for a new cycle, turned into the request the API takes. */
function cycleRequestFromForm(event: HttpEvent) {
  const form = formFields(event);
  const numbers = (value: string | null) => (value ?? '').split(/[,\s]+/).filter(Boolean).map(Number);
  const everyMonths = form.get('everyMonths')?.trim();
  return {
    title: form.get('title') ?? '',
    ...(form.get('summit') || form.get('document')
      ? { mandates: { ...(form.get('summit') ? { summit: form.get('summit')! } : {}), ...(form.get('document') ? { document: form.get('document')! } : {}) } }
      : {}),
    states: form.getAll('states'),
    ...(form.get('opensAt') ? { opensAt: `${form.get('opensAt')}T00:00:00Z` } : {}),
    deadline: form.get('deadline') ?? '',
    reminders: {
      daysBefore: numbers(form.get('daysBefore')),
      overdueEveryDays: Number(form.get('overdueEveryDays') ?? 7),
      maxOverdue: Number(form.get('maxOverdue') ?? 3),
    },
    ...(everyMonths ? { recurrence: { everyMonths: Number(everyMonths) } } : {}),
  };
}

/**
 * The secretariat console: server-rendered pages over the same use cases as the API. Signed in
 * through Cognito on AWS (password, then a new password or the authenticator code as Cognito asks),
 * locally with the secretariat token; either way into an HttpOnly, SameSite=Strict session cookie.
 */
export const handler = httpHandler('public', async (event) => {
  const route = event.routeKey;
  const query = event.queryStringParameters ?? {};

  if (route === 'POST /console/sign-in' && cognito()) return cognitoSignIn(event);
  if (route === 'POST /console/sign-in') {
    const expected = config().secretariatToken;
    const given = formFields(event).get('token') ?? '';
    if (!expected) return page(401, 'Sign in', signInBody('Signing in with a token is not enabled on this deployment.'), false);
    if (!given || !sameSecret(given, expected)) return page(401, 'Sign in', signInBody('That token is not right.'), false);
    return startSession('secretariat');
  }

  const actor = await signedInActor(event);
  if (!actor) return page(401, 'Sign in', cognito() ? cognitoSignInBody({ kind: 'password' }) : signInBody(), false);
  const now = new Date().toISOString();
  const store = stores();

  if (route === 'POST /console/sign-out') {
    await store.answers.deleteConsoleSession(hash(cookie(event, COOKIE)!));
    return { ...redirect('/console'), cookies: [`${COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`] };
  }
  if (route === 'GET /console') {
    const cycles = (await store.cycles.listCycles()).map(({ mandateIds: _ids, ...c }) => c);
    return page(200, 'Reporting cycles', cyclesBody(cycles, query.notice, query.error));
  }
  if (route === 'GET /console/cycles/new' || route === 'POST /console/cycles') {
    const formPage = async (statusCode: number, error?: string) => {
      const documents = [...new Set((await store.mandates.listMandates()).map((m) => m.document))].sort();
      const states = (await store.states.listStates()).sort((a, b) => a.name.localeCompare(b.name));
      return page(statusCode, 'Open a cycle', newCycleBody({ summits, documents, states, idempotencyKey: randomUUID(), error }));
    };
    if (route === 'GET /console/cycles/new') return formPage(200);
    const parsed = createCycleSchema.safeParse(cycleRequestFromForm(event));
    try {
      if (!parsed.success) throw validationError('invalid_body', parsed.error.issues);
      const { cycle } = await createCycle(parsed.data, {
        stores: store,
        summits,
        actor,
        now,
        idempotencyKey: formFields(event).get('idempotencyKey') ?? undefined,
      });
      return back(`/console/cycles/${cycle.id}`, { notice: `Cycle opened${cycle.status === 'scheduled' ? ` (opens ${cycle.opensAt.slice(0, 10)})` : '; the invitations go out with the next reminder run'}.` });
    } catch (error) {
      if (error instanceof HttpError && error.statusCode < 500) return formPage(error.statusCode, error.description);
      throw error;
    }
  }

  const cycleId = event.pathParameters?.id ?? '';
  if (route === 'GET /console/cycles/{id}/report') {
    const parsed = reportQuerySchema.safeParse(query);
    if (!parsed.success) throw validationError('invalid_query', parsed.error.issues);
    return reportResponse(cycleId, parsed.data);
  }
  if (route === 'GET /console/cycles/{id}') {
    const status = await cycleStatus(store, cycleId, now);
    const report = await buildReport(store, await reportSource(store, cycleId), { now });
    const snapshots = await Promise.all(
      (await store.cycles.listSnapshots(cycleId)).map(async (s) => ({
        ...s,
        downloads: Object.fromEntries(await Promise.all(Object.entries(s.files).map(async ([f, key]) => [f, await downloadLink(key)] as const))),
      })),
    );
    const audit = await store.cycles.listAudit(cycleId);
    return page(200, status.cycle.title, cycleBody({ status, report, snapshots, audit, notice: query.notice, error: query.error }));
  }
  if (route === 'POST /console/cycles/{id}/states/{code}/{action}') {
    const code = event.pathParameters?.code ?? '';
    const action = event.pathParameters?.action ?? '';
    const who = { actor, now };
    const path = `/console/cycles/${cycleId}`;
    try {
      if (action === 'extension') {
        const date = formFields(event).get('deadline') ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return back(path, { error: `${code}: choose the new deadline` });
        await grantExtension(store, cycleId, code, { deadline: endOfDayIfDate(date) }, who);
        return back(path, { notice: `${code}: deadline extended to ${date}; the state is told with the next reminder run.` });
      }
      const actions: Record<string, () => Promise<unknown>> = {
        remind: () => remindNow(store, cycleId, code, who),
        reopen: () => reopen(store, cycleId, code, who),
        'rotate-link': () => rotateLink(store, cycleId, code, who),
        'revoke-link': () => revokeLink(store, cycleId, code, who),
      };
      if (!actions[action]) return back(path, { error: `Unknown action ${action}` });
      await actions[action]!();
      return back(path, { notice: `${code}: ${action.replace('-', ' ')} done.` });
    } catch (error) {
      if (error instanceof HttpError && error.statusCode < 500) return back(path, { error: error.description });
      throw error;
    }
  }
  return page(404, 'Not found', signInBody('There is no such page.'));
});
