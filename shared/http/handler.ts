import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import httpContentEncoding from '@middy/http-content-encoding';
import httpErrorHandler from '@middy/http-error-handler';
import type { Context } from 'aws-lambda';
import { constants as zlib } from 'node:zlib';
import { config } from '../config';
import { unauthorized, forbidden, invalid, rateLimited } from '../domain/errors';
import { logger, metrics, tracer } from '../log';
import { stores } from '../store';
import { countAttempt } from '../usecases/attempts';
import { resolveConsoleSession } from '../usecases/console-session';
import { resolveSession } from '../usecases/respond';
import { HttpError, INTERNAL_ERROR_BODY, toHttpError } from './errors';
import type { Access } from './routes';
import type { HttpEvent, HttpResult } from './types';

export type { HttpEvent, HttpResult } from './types';
import { CONSOLE_COOKIE, cookie, sameSecret, SESSION_COOKIE } from './web';

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/** Wrong bearer tokens one client may send in 15 minutes. */
export const BEARER_LIMIT = { scope: 'bearer', max: 50, windowMinutes: 15 } as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

function bearerToken(event: HttpEvent): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  return header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

/**
 * The secretariat is signed in either by API Gateway's JWT authorizer (on AWS, Cognito),
 * whose claims only API Gateway can place in the request context, or by the bearer token
 * configured as SECRETARIAT_TOKEN (locally).
 */
export function isSecretariat(event: HttpEvent): boolean {
  if (event.requestContext.authorizer?.jwt?.claims) return true;
  const expected = config().secretariatToken;
  const given = bearerToken(event);
  return Boolean(expected && given && sameSecret(given, expected));
}

/** Who did it, for the audit trail: the signed-in user on AWS, "secretariat" with the local token. */
export function actorOf(event: HttpEvent): string {
  if (event.consoleActor) return event.consoleActor;
  const claims = event.requestContext.authorizer?.jwt?.claims;
  return String(claims?.email ?? claims?.['cognito:username'] ?? claims?.sub ?? 'secretariat');
}

export const clientOf = (event: HttpEvent) => event.requestContext.http.sourceIp;

/** A request a browser marks as sent by another site (Sec-Fetch-Site), or whose Origin is another host. */
function fromAnotherSite(event: HttpEvent): boolean {
  const fetchSite = event.headers?.['sec-fetch-site'];
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = event.headers?.origin;
  // With Referrer-Policy: no-referrer, a browser's own form posts may carry Origin: null.
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
  if (!e || e instanceof HttpError || (error as { kind?: string }).kind) return false;
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'];
  return (
    codes.includes(e.code ?? '') ||
    codes.includes(e.cause?.code ?? '') ||
    [
      'TimeoutError',
      'ThrottlingException',
      'ProvisionedThroughputExceededException',
      'RequestLimitExceeded',
      'ServiceUnavailable',
      'InternalServerError',
    ].includes(e.name ?? '') ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
}

/** 4xx and 5xx answers by route, for the dashboards and the alarms. */
function countResponse(event: HttpEvent, statusCode: number | undefined) {
  const status = statusCode ?? 200;
  if (status < 400) return;
  const metric = metrics.singleMetric();
  metric.addDimension('route', event.routeKey ?? 'unknown');
  metric.addMetric(status >= 500 ? 'Responses5xx' : status === 429 ? 'Responses429' : 'Responses4xx', MetricUnit.Count, 1);
}

function logServerError(error: unknown) {
  if (error instanceof HttpError && error.statusCode < 500) return;
  logger.error('request failed', error instanceof Error ? error : String(error));
}

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Path parameters are decoded text: one with a control character or of absurd length is refused. */
function checkPathParameters(event: HttpEvent) {
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (value === undefined || CONTROL.test(value) || value.length > 300)
      throw invalid('invalid_path', `The path segment {${name}} is not valid`);
  }
}

/** Checks the caller against the route's access level; sets who it is on the event. Throws when refused. */
async function admit(access: Access, event: HttpEvent) {
  const now = new Date().toISOString();
  const method = event.requestContext.http.method;
  // Every route a browser can reach with cookies refuses requests sent by other sites (the console's sign-in too).
  if (access !== 'secretariat' && method !== 'GET' && method !== 'HEAD' && fromAnotherSite(event)) {
    throw forbidden('Requests from another site are refused');
  }
  if (access === 'secretariat' && !isSecretariat(event)) {
    if (bearerToken(event)) {
      const attempt = await countAttempt(stores().limits, BEARER_LIMIT, clientOf(event), now);
      if (attempt.limited)
        throw rateLimited('Too many wrong tokens from this address; wait and try again', { retryAfterSeconds: attempt.retryAfterSeconds });
    }
    throw unauthorized();
  }
  if (access === 'state') {
    const session = await resolveSession(cookie(event, SESSION_COOKIE), { stores: stores(), now });
    if (!session) throw unauthorized('Open the link from your email again: this session is missing or has ended');
    event.stateSession = session;
  }
  if (access === 'console') {
    const actor = await resolveConsoleSession(cookie(event, CONSOLE_COOKIE), { stores: stores(), now });
    if (!actor) throw unauthorized('Sign in to the console');
    event.consoleActor = actor;
  }
}

/** The encodings we compress with, best first when the client likes them equally. */
const ENCODINGS = ['br', 'gzip', 'deflate'] as const;

/** The client's acceptable encodings from Accept-Encoding, most wanted first ("identity" and q=0 left out). */
export function acceptedEncodings(header: string | undefined): string[] {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { name: name.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((e) => e.q > 0 && !Number.isNaN(e.q));
  const star = wanted.find((e) => e.name === '*');
  return ENCODINGS.map((name) => ({ name, q: wanted.find((e) => e.name === name)?.q ?? star?.q ?? 0 }))
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((e) => e.name);
}

/**
 * Compresses every response the client accepts compressed (brotli, else gzip, else deflate), as a
 * base64 body with Content-Encoding and Vary. A body already in base64 (an XLSX download) is left
 * as it is. Brotli runs at quality 5: its default (11) takes seconds on a large report.
 */
function compression(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  const encode = httpContentEncoding({ br: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } } }) as middy.MiddlewareObj<HttpEvent, HttpResult>;
  return {
    before: (request) => {
      const headers = request.event.headers ?? {};
      const preferred = acceptedEncodings(headers['accept-encoding'] ?? headers['Accept-Encoding']);
      Object.assign(request.context, { preferredEncoding: preferred[0], preferredEncodings: preferred });
    },
    after: encode.after,
    onError: encode.onError,
  };
}

/** A refused request's page (whenRefused), answered by the handler so that every after-middleware still runs. */
const refusedWith = new WeakMap<HttpEvent, HttpResult>();

export interface HandlerOptions {
  /** What a refused caller gets instead of the JSON error (the console's sign-in page, say); undefined keeps the JSON error. */
  whenRefused?: (event: HttpEvent, error: HttpError) => HttpResult | undefined | Promise<HttpResult | undefined>;
}

/**
 * Wraps a use-case adapter in the HTTP middleware stack: the access check for every level first,
 * the handler last; domain errors mapped to status codes in one place, and http-error-handler
 * turning them into `{ error: { code, message } }` (5xx details never leave); every response
 * compressed when the client accepts it.
 */
export function httpHandler(
  access: Access,
  handler: (event: HttpEvent, context: Context) => Promise<HttpResult>,
  options: HandlerOptions = {},
) {
  config(); // fail at load, naming the missing variable, rather than on the first request
  // onError runs in reverse order of use(): the error handler shapes the body, then the headers are added.
  return middy<HttpEvent, HttpResult>()
    .use(compression())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use({
      after: (request) => {
        request.response = { ...request.response, headers: { ...SECURITY_HEADERS, ...request.response?.headers } };
        countResponse(request.event, request.response?.statusCode);
      },
      onError: (request) => {
        request.response = { ...request.response, headers: { ...SECURITY_HEADERS, ...request.response?.headers } };
        countResponse(request.event, request.response?.statusCode);
      },
    })
    .use(httpErrorHandler({ logger: logServerError, fallbackMessage: INTERNAL_ERROR_BODY }))
    .use({
      onError: (request) => {
        const error = toHttpError(request.error);
        if (error instanceof HttpError) {
          const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
          if (error.statusCode === 429 && retryAfter) error.headers['Retry-After'] = String(retryAfter);
          request.error = error;
        } else if (isUnavailable(request.error)) {
          logServerError(request.error);
          const unavailable = new HttpError(
            503,
            'service_unavailable',
            'The database is not answering just now; nothing was saved. Please try again in a minute.',
          );
          unavailable.headers['Retry-After'] = '30';
          request.error = unavailable;
        }
      },
    })
    .use({
      before: async (request) => {
        try {
          checkPathParameters(request.event);
          await admit(access, request.event);
        } catch (error) {
          const refused = toHttpError(error);
          const page =
            options.whenRefused && refused instanceof HttpError && refused.statusCode < 500
              ? await options.whenRefused(request.event, refused)
              : undefined;
          if (page) {
            refusedWith.set(request.event, page);
            return undefined;
          }
          throw error;
        }
        return undefined;
      },
    })
    .handler(async (event, context) => refusedWith.get(event) ?? handler(event, context));
}
