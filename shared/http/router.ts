import type { Context } from 'aws-lambda';
import { notFound } from '../domain/errors';
import { httpHandler, type HandlerOptions, type HttpEvent, type HttpResult } from './handler';
import { routes } from './routes';

type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * A function's handler for its routes of the route table, each wrapped in the HTTP stack with the
 * access level the table gives it: the table is the one place where access is declared.
 */
export function routeHandlers(fn: string, handlers: Record<string, RouteHandler>, options: HandlerOptions = {}) {
  const own = routes.filter((r) => r.fn === fn);
  const wrapped = new Map<string, ReturnType<typeof httpHandler>>();
  for (const route of own) {
    const key = `${route.method} ${route.path}`;
    const handler = handlers[key] ?? Object.entries(handlers).find(([pattern]) => pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1)))?.[1];
    if (!handler) throw new Error(`functions/${fn} has no handler for ${key}`);
    wrapped.set(key, httpHandler(route.access, handler, options));
  }
  const fallback = httpHandler('public', async (event) => {
    throw notFound(`No route ${event.routeKey}`);
  });
  return (event: HttpEvent, context: Context) => (wrapped.get(event.routeKey) ?? fallback)(event, context);
}
