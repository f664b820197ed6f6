import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HttpEvent } from '../../shared/http/handler';
import { BadEscape, matchPath, routes, type Route } from '../../shared/http/routes';

type Handler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyResultV2>;

/** Same limit as API Gateway's payload quota. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const loaded = new Map<string, Promise<Handler>>();

function loadHandler(fn: string): Promise<Handler> {
  if (!loaded.has(fn)) {
    loaded.set(
      fn,
      import(`../../functions/${fn}/handler.ts`).then((module) => module.handler as Handler),
    );
  }
  return loaded.get(fn)!;
}

function lambdaContext(fn: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

class TooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The request-target as a URL, or undefined when it is none. A target starting with "/" is a path even
 * when it starts with "//", which the URL parser would take for a host (and throw on "//[" or "//a:99999").
 */
function requestUrl(request: IncomingMessage): URL | undefined {
  const target = request.url ?? '/';
  try {
    return new URL(target.startsWith('/') ? `http://localhost${target}` : target, 'http://localhost');
  } catch {
    return undefined;
  }
}

/** Turns a Node request into the API Gateway HTTP API (payload 2.0) event Lambda would get. */
export function toEvent(request: IncomingMessage, route: Route, params: Record<string, string>, body: Buffer): HttpEvent {
  const url = requestUrl(request) ?? new URL('http://localhost/');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const cookies = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const textual = /^(application\/(json|x-www-form-urlencoded)|text\/)/.test(headers['content-type'] ?? '');
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(params).length > 0 ? params : undefined,
    body: body.length > 0 ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

function sendJsonError(response: ServerResponse, status: number, code: string, message: string, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify({ error: { code, message } }));
}

async function serve(request: IncomingMessage, response: ServerResponse) {
  const url = requestUrl(request);
  if (!url) return sendJsonError(response, 400, 'invalid_path', 'The request-target is not a valid path');
  const path = url.pathname;
  let candidates: { route: Route; params: Record<string, string> }[];
  try {
    candidates = routes
      .map((route) => ({ route, params: matchPath(route.path, path) }))
      .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== undefined);
  } catch (error) {
    if (error instanceof BadEscape) return sendJsonError(response, 400, 'invalid_path', error.message);
    throw error;
  }
  const match = candidates.find((c) => c.route.method === request.method);
  if (!match) {
    if (candidates.length > 0) {
      const allow = candidates.map((c) => c.route.method).join(', ');
      return sendJsonError(response, 405, 'method_not_allowed', `${request.method} is not allowed here; use ${allow}`, { Allow: allow });
    }
    return sendJsonError(response, 404, 'not_found', `No route for ${request.method} ${path.slice(0, 200)}`);
  }
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    if (error instanceof TooLarge) return sendJsonError(response, 413, 'payload_too_large', 'The request body is larger than 10 MB');
    throw error;
  }
  const handler = await loadHandler(match.route.fn);
  const raw = await handler(toEvent(request, match.route, match.params, body), lambdaContext(match.route.fn));
  const result = typeof raw === 'string' ? { statusCode: 200, body: raw } : raw;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['Set-Cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

let rejectionsLogged = false;

/**
 * The local stand-in for API Gateway: the route table, the same handlers, payload format 2.0.
 * No request can stop it: whatever a request throws, sync or async, becomes a response, and a
 * stray rejected promise is logged, never fatal.
 */
export function createGateway(): Server {
  if (!rejectionsLogged) {
    rejectionsLogged = true;
    process.on('unhandledRejection', (reason) => console.error('unhandled rejection (the system keeps running):', reason));
  }
  const server = createServer((request, response) => {
    serve(request, response).catch((error) => {
      console.error(error);
      if (response.headersSent) return response.destroy();
      sendJsonError(response, 502, 'bad_gateway', 'The function failed; see the console');
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  // Without a listener Node drops a CONNECT request without an answer.
  server.on('connect', (_request, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return server;
}
