import { config } from '../../shared/config';
import type { Language } from '../../shared/domain/states';
import { httpHandler, type HttpEvent } from '../../shared/http/handler';
import { browserLanguage, cookie, htmlPage, languageParam, nonce, SESSION_COOKIE, sessionCookie } from '../../shared/http/web';
import { renderConfirm, renderPortal, renderProblem } from '../../shared/render/portal';
import { stores } from '../../shared/store';
import { openLink, portalView, resolveSession, SESSION_HOURS, type StateSession } from '../../shared/usecases/respond';

async function showPortal(event: HttpEvent, session: StateSession, pageNonce: string, cookies?: string[]) {
  const view = await portalView(session, { stores: stores() });
  const language = languageParam(event) ?? (view.assignment.language as Language);
  const now = new Date().toISOString();
  const body =
    event.queryStringParameters?.confirm === 'submit' && view.assignment.status !== 'submitted'
      ? renderConfirm(view, { language, nonce: pageNonce })
      : renderPortal(view, { language, now, nonce: pageNonce });
  return htmlPage(200, body, pageNonce, { cookies });
}

/**
 * GET /respond/{token}: the link in the email. The token is exchanged for a session cookie and
 * the page is shown at once (a redirect would lose a SameSite=Strict cookie set from an email client).
 * GET /respond: the same page for a session (after a form is sent, or to switch language).
 */
export const handler = httpHandler('public', async (event) => {
  const pageNonce = nonce();
  const now = new Date().toISOString();
  const token = event.pathParameters?.token;
  if (token) {
    const outcome = await openLink(token, {
      stores: stores(),
      now,
      client: event.requestContext.http.sourceIp,
      maxFailures: config().linkFailureLimit,
    });
    if (!outcome.ok) {
      const status = outcome.problem === 'rate_limited' ? 429 : outcome.problem === 'unknown' ? 404 : 410;
      const language = outcome.language ?? languageParam(event) ?? browserLanguage(event);
      return htmlPage(status, renderProblem(outcome.problem!, language, pageNonce), pageNonce, {
        headers: status === 429 ? { 'Retry-After': '900' } : {},
      });
    }
    const session = { cycleId: outcome.cycleId!, stateCode: outcome.stateCode! };
    return showPortal(event, session, pageNonce, [sessionCookie(outcome.sessionId!, SESSION_HOURS * 3600)]);
  }
  const session = await resolveSession(cookie(event, SESSION_COOKIE), { stores: stores(), now });
  if (!session) {
    return htmlPage(401, renderProblem('no_session', languageParam(event) ?? browserLanguage(event), pageNonce), pageNonce);
  }
  return showPortal(event, session, pageNonce);
});
