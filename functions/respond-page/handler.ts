import { config } from '../../shared/config';
import { isUnavailable, clientOf, type HttpEvent, type HttpResult } from '../../shared/http/handler';
import { routeHandlers } from '../../shared/http/router';
import {
  guessedLanguage,
  cookie,
  htmlPage,
  LANGUAGE_COOKIE,
  languageParam,
  nonce,
  SESSION_COOKIE,
  sessionCookie,
  setCookie,
  uploadOrigin,
} from '../../shared/http/web';
import { isSubmitted, renderConfirm, renderPortal, renderProblem } from '../../shared/render/portal';
import { renderReceipt } from '../../shared/render/portal-receipt';
import { renderTeam } from '../../shared/render/portal-team-page';
import { listContributors } from '../../shared/usecases/team';
import { stores } from '../../shared/store';
import { openLink, portalView, resolveSession, SESSION_HOURS, type StateSession } from '../../shared/usecases/respond';
import type { PortalQuery } from '../../shared/usecases/view-models';
import { summits } from '../../seeds/registry';

/** The page's query: a group or a mandate (`at`), a part, a filter. A value that makes no sense is ignored, never an error. */
function portalQuery(event: HttpEvent): PortalQuery {
  const params = event.queryStringParameters ?? {};
  const text = (value: string | undefined, max: number) => (value && value.length <= max ? value : undefined);
  const page = Number(params.page);
  return {
    group: text(params.group, 300),
    at: text(params.at, 200),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : undefined,
    filter: params.filter === 'unanswered' || params.filter === 'carried' ? params.filter : undefined,
    theme: text(params.theme, 100),
    q: params.q ? params.q.slice(0, 200) : undefined,
  };
}

async function showPortal(event: HttpEvent, session: StateSession, pageNonce: string, cookies?: string[]) {
  const params = event.queryStringParameters ?? {};
  const confirming = params.confirm === 'submit';
  const receipt = params.view === 'receipt';
  // The coordinator's contributors page; a contributor's session has none (it gets the answering page).
  const team = params.view === 'team' && !session.contributor;
  const view = await portalView(
    session,
    { stores: stores(), summits },
    { language: languageParam(event), query: confirming || receipt || team ? {} : portalQuery(event) },
  );
  const language = view.language;
  const contact = config().contactEmail;
  if (team) {
    const members = await listContributors(session, stores());
    const text = (value: string | undefined) => (value && value.length <= 300 ? value : undefined);
    const body = renderTeam(view, members, {
      language,
      nonce: pageNonce,
      contact,
      group: text(params.group),
      removing: text(params.remove),
      done: text(params.done),
    });
    return htmlPage(200, body, pageNonce, { cookies });
  }
  if (receipt) {
    const part = Number(params.part);
    const shown = renderReceipt(view, { language, nonce: pageNonce, contact, part: Number.isInteger(part) && part >= 1 ? part : 1 });
    return htmlPage(shown.status, shown.body, pageNonce, { cookies });
  }
  const now = new Date().toISOString();
  const body =
    confirming && !isSubmitted(view.assignment.status)
      ? renderConfirm(view, { language, nonce: pageNonce, contact })
      : renderPortal(view, { language, now, nonce: pageNonce, contact });
  return htmlPage(200, body, pageNonce, { cookies, connectSrc: uploadOrigin() });
}

async function answeringPage(event: HttpEvent): Promise<HttpResult> {
  const pageNonce = nonce();
  const now = new Date().toISOString();
  const token = event.pathParameters?.token;
  if (token) {
    const outcome = await openLink(token, { stores: stores(), now, client: clientOf(event), maxFailures: config().linkFailureLimit });
    if (!outcome.ok) {
      const status = outcome.problem === 'rate_limited' ? 429 : outcome.problem === 'unknown' ? 404 : 410;
      const language = outcome.language ?? guessedLanguage(event);
      return htmlPage(status, renderProblem(outcome.problem!, language, pageNonce, config().contactEmail), pageNonce, {
        headers: status === 429 ? { 'Retry-After': String(outcome.retryAfterSeconds ?? 900) } : {},
      });
    }
    // The session just made, read back: a contributor's link makes a contributor's session, and its first page is theirs.
    const session = (await resolveSession(outcome.sessionId!, { stores: stores(), now })) ?? {
      cycleId: outcome.cycleId!,
      stateCode: outcome.stateCode!,
    };
    const cookies = [
      sessionCookie(outcome.sessionId!, SESSION_HOURS * 3600),
      setCookie(LANGUAGE_COOKIE, outcome.language!, { maxAgeSeconds: SESSION_HOURS * 3600 }),
    ];
    return showPortal(event, session, pageNonce, cookies);
  }
  const session = await resolveSession(cookie(event, SESSION_COOKIE), { stores: stores(), now });
  if (!session) return htmlPage(401, renderProblem('no_session', guessedLanguage(event), pageNonce, config().contactEmail), pageNonce);
  return showPortal(event, session, pageNonce);
}

/**
 * GET /respond/{token}: the link in the email. The token is exchanged for a session cookie and
 * the page is shown at once (a redirect would lose a SameSite=Strict cookie set from an email client).
 * GET /respond: the same page for a session (after a form is sent, or to switch language), one group at a time:
 * ?group, ?at (a mandate: its group and part), ?page, ?filter=unanswered, ?theme, ?q; ?confirm=submit lists what is unanswered;
 * ?view=team (&group, &remove=<id>, &done) is the coordinator's contributors page;
 * ?view=receipt (&part=N) is the printable receipt of a submitted report ("my report"), 409 before submission.
 * When the database does not answer, the page says so in the state's language.
 */
const serve = async (event: HttpEvent): Promise<HttpResult> => {
  try {
    return await answeringPage(event);
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    const pageNonce = nonce();
    return htmlPage(503, renderProblem('unavailable', guessedLanguage(event), pageNonce, config().contactEmail), pageNonce, {
      headers: { 'Retry-After': '30' },
    });
  }
};

export const handler = routeHandlers('respond-page', {
  'GET /respond/{token}': serve,
  'GET /respond': serve,
});
