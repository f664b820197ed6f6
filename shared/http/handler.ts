import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '../config';
import { logger } from '../log';
import { HttpError, INTERNAL_ERROR_BODY, forbidden, unauthorized } from './errors';
import type { Access } from './routes';
import { stores } from '../store';
import { resolveSession, type StateSession } from '../usecases/respond';
import { cookie, SESSION_COOKIE } from './web';

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  /** Set by the middleware on state routes: the one assignment this session may read and write. */
  stateSession?: StateSession;
};
export type HttpResult = Exclude<APIGatewayProxyResultV2, string>;

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The secretariat is signed in either by API Gateway's JWT authorizer (on AWS, Cognito),
 * whose claims only API Gateway can place in the request context, or by the bearer token
 * configured as SECRETARIAT_TOKEN (locally).
 */
export function isSecretariat(event: HttpEvent): boolean {
  if (event.requestContext.authorizer?.jwt?.claims) return true;
  const expected = config().secretariatToken;
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return Boolean(expected && match && sameSecret(match[1]!, expected));
}

/** Who did it, for the audit trail: the signed-in user on AWS, "secretariat" with the local token. */
export function actorOf(event: HttpEvent): string {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  return String(claims?.email ?? claims?.['cognito:username'] ?? claims?.sub ?? 'secretariat');
}

function fromAnotherSite(event: HttpEvent): boolean {
  const fetchSite = event.headers?.['sec-fetch-site'];
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = event.headers?.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== event.headers?.host;
  } catch {
    return true;
  }
}

/** A dependency that is down or overloaded, not a bug: the client may try again. */
export function isUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!e || e instanceof HttpError) return false;
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'];
  return (
    codes.includes(e.code ?? '') ||
    codes.includes(e.cause?.code ?? '') ||
    ['TimeoutError', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'ServiceUnavailable', 'InternalServerError'].includes(e.name ?? '') ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
}

function logServerError(error: unknown) {
  if (error instanceof HttpError && error.statusCode < 500) return;
  logger.error('request failed', error instanceof Error ? error : String(error));
}

/**
 * Wraps a use-case adapter in the HTTP middleware stack: access check first, handler last,
 * http-error-handler turning errors into `{ error: { code, message } }` (5xx details never leave).
 */
export function httpHandler(
  access: Access,
  handler: (event: HttpEvent, context: Context) => Promise<HttpResult>,
) {
  config(); // fail at load, naming the missing variable, rather than on the first request
  // onError runs in reverse order of use(): the error handler shapes the body, then the headers are added.
  return middy<HttpEvent, HttpResult>()
    .use({
      after: (request) => {
        request.response = { ...request.response, headers: { ...SECURITY_HEADERS, ...request.response?.headers } };
      },
      onError: (request) => {
        request.response = { ...request.response, headers: { ...SECURITY_HEADERS, ...request.response?.headers } };
      },
    })
    .use(httpErrorHandler({ logger: logServerError, fallbackMessage: INTERNAL_ERROR_BODY }))
    .use({
      onError: (request) => {
        if (isUnavailable(request.error)) {
          logServerError(request.error);
          request.error = new HttpError(503, 'service_unavailable', 'The database is not answering just now; nothing was saved. Please try again in a minute.');
          (request.error as HttpError).headers['Retry-After'] = '30';
        }
      },
    })
    .use({
      before: async (request) => {
        if (access === 'secretariat' && !isSecretariat(request.event)) throw unauthorized();
        if (access === 'state') {
          const session = await resolveSession(cookie(request.event, SESSION_COOKIE), { stores: stores(), now: new Date().toISOString() });
          if (!session) throw unauthorized('Open the link from your email again: this session is missing or has ended');
          // SameSite=Strict already keeps other sites' forms out; a request a browser marks as coming
          // from another site is refused as well. (With Referrer-Policy: no-referrer, form posts carry Origin: null.)
          if (request.event.requestContext.http.method !== 'GET' && fromAnotherSite(request.event)) {
            throw forbidden('Requests from another site are refused');
          }
          request.event.stateSession = session;
        }
      },
    })
    .handler(handler);
}
