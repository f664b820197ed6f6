import httpRouterHandler from '@middy/http-router';
import type { Context } from 'aws-lambda';
import { notFound } from '../domain/errors';
import { httpHandler, type HandlerOptions, type HttpEvent, type HttpResult } from './handler';
import { routes } from './routes';

type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * A function's handler for its routes of the route table, routed by middy's http-router, each route
 * wrapped in the HTTP stack with the access level the table gives it: the table is the one place
 * where access is declared. A key ending in `*` serves every route of the function that starts so.
 */
export function routeHandlers(fn: string, handlers: Record<string, RouteHandler>, options: HandlerOptions = {}) {
  const own = routes.filter((r) => r.fn === fn);
  const notFoundHandler = httpHandler('public', async (event) => {
    throw notFound(`No route ${event.requestContext.http.method} ${event.rawPath}`);
  });
  const router = httpRouterHandler({
    routes: own.map((route) => {
      const key = `${route.method} ${route.path}`;
      const handler =
        handlers[key] ?? Object.entries(handlers).find(([pattern]) => pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1)))?.[1];
      if (!handler) throw new Error(`functions/${fn} has no handler for ${key}`);
      return { method: route.method, path: route.path, handler: httpHandler(route.access, handler, options) };
    }),
  });
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    try {
      return (await router(event as never, context as never)) as HttpResult;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return notFoundHandler(event, context);
      throw error;
    }
  };
}
