/**
 * Every HTTP route of the system. The local gateway and the CDK HTTP API are both built from
 * this table, so the two cannot drift. `fn` names the folder of the handler under functions/.
 */
/**
 * public: anyone (the function may still check, like the link); secretariat: bearer token or Cognito JWT;
 * state: a session cookie from an emailed link; console: a secretariat session cookie from the console's sign-in.
 */
export type Access = 'public' | 'secretariat' | 'state' | 'console';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  fn: string;
  access: Access;
  /** For the secretariat's actions on one state: which action (the same names in the API and the console). */
  action?: AssignmentAction;
}

/** The secretariat's actions on one state's assignment, as path suffixes. */
export const ASSIGNMENT_ACTIONS = ['extension', 'remind', 'reopen', 'link/revoke', 'link/rotate'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

export const routes: readonly Route[] = [
  { method: 'GET', path: '/health', fn: 'health', access: 'public' },
  { method: 'GET', path: '/api/mandates', fn: 'list-mandates', access: 'secretariat' },
  { method: 'POST', path: '/api/mandates/import', fn: 'import-mandates', access: 'secretariat' },
  { method: 'POST', path: '/api/mandates/translations', fn: 'import-mandates', access: 'secretariat' },
  { method: 'POST', path: '/api/mandates/{id}/links', fn: 'import-mandates', access: 'secretariat' },
  { method: 'GET', path: '/api/states', fn: 'list-states', access: 'secretariat' },
  { method: 'PUT', path: '/api/states/{code}', fn: 'update-state', access: 'secretariat' },
  { method: 'GET', path: '/api/states/export', fn: 'update-state', access: 'secretariat' },
  { method: 'POST', path: '/api/states/import', fn: 'update-state', access: 'secretariat' },
  { method: 'POST', path: '/api/cycles', fn: 'create-cycle', access: 'secretariat' },
  { method: 'GET', path: '/api/cycles', fn: 'list-cycles', access: 'secretariat' },
  { method: 'GET', path: '/api/cycles/{id}', fn: 'get-cycle', access: 'secretariat' },
  { method: 'GET', path: '/api/cycles/{id}/audit', fn: 'get-cycle', access: 'secretariat' },
  { method: 'GET', path: '/api/cycles/{id}/changes', fn: 'get-cycle', access: 'secretariat' },
  ...ASSIGNMENT_ACTIONS.map((action) => ({
    method: 'POST' as const,
    path: `/api/cycles/{id}/states/{code}/${action}`,
    fn: 'assignment-actions',
    access: 'secretariat' as const,
    action,
  })),
  { method: 'POST', path: '/api/cycles/{id}/states/{code}/review', fn: 'assignment-actions', access: 'secretariat' },
  { method: 'GET', path: '/api/cycles/{id}/states/{code}/answers', fn: 'assignment-actions', access: 'secretariat' },
  { method: 'POST', path: '/api/cycles/{id}/states/{code}/answers/{mandateId}/comments', fn: 'assignment-actions', access: 'secretariat' },
  { method: 'GET', path: '/api/cycles/{id}/states/{code}/files/{fileId}', fn: 'assignment-actions', access: 'secretariat' },
  { method: 'GET', path: '/api/cycles/{id}/report', fn: 'cycle-report', access: 'secretariat' },
  { method: 'GET', path: '/api/reports', fn: 'list-reports', access: 'secretariat' },
  { method: 'POST', path: '/api/cycles/{id}/exports', fn: 'exports', access: 'secretariat' },
  { method: 'GET', path: '/api/exports/{id}', fn: 'exports', access: 'secretariat' },
  { method: 'GET', path: '/api/trends', fn: 'trends', access: 'secretariat' },
  { method: 'GET', path: '/console', fn: 'console', access: 'console' },
  { method: 'POST', path: '/console/sign-in', fn: 'console', access: 'public' },
  { method: 'POST', path: '/console/sign-out', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/cycles/new', fn: 'console', access: 'console' },
  { method: 'POST', path: '/console/cycles', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/cycles/{id}', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/cycles/{id}/report', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/cycles/{id}/states/{code}/review', fn: 'console', access: 'console' },
  { method: 'POST', path: '/console/cycles/{id}/states/{code}/review', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/cycles/{id}/states/{code}/files/{fileId}', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/states', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/states/export', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/states/import', fn: 'console', access: 'console' },
  { method: 'POST', path: '/console/states/import', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/states/{code}', fn: 'console', access: 'console' },
  { method: 'POST', path: '/console/states/{code}', fn: 'console', access: 'console' },
  { method: 'GET', path: '/console/mandates/import', fn: 'console', access: 'console' },
  { method: 'POST', path: '/console/mandates/import', fn: 'console', access: 'console' },
  ...ASSIGNMENT_ACTIONS.map((action) => ({
    method: 'POST' as const,
    path: `/console/cycles/{id}/states/{code}/${action}`,
    fn: 'console',
    access: 'console' as const,
    action,
  })),
  { method: 'GET', path: '/respond/{token}', fn: 'respond-page', access: 'public' },
  { method: 'GET', path: '/respond', fn: 'respond-page', access: 'public' },
  { method: 'GET', path: '/api/assignment', fn: 'assignment', access: 'state' },
  { method: 'PUT', path: '/api/assignment/answers/{mandateId}', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/answers/{mandateId}', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/submit', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/extension-request', fn: 'assignment', access: 'state' },
  { method: 'GET', path: '/api/assignment/contributors', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/contributors', fn: 'assignment', access: 'state' },
  { method: 'DELETE', path: '/api/assignment/contributors/{contributorId}', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/contributors/{contributorId}/remove', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/answers/{mandateId}/comments', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/answers/{mandateId}/files', fn: 'assignment', access: 'state' },
  { method: 'POST', path: '/api/assignment/files/{fileId}/complete', fn: 'assignment', access: 'state' },
  { method: 'GET', path: '/api/assignment/files/{fileId}', fn: 'assignment', access: 'state' },
  { method: 'DELETE', path: '/api/assignment/files/{fileId}', fn: 'assignment', access: 'state' },
];

/** The handler folders behind the routes, each once. */
export const routeFunctions = [...new Set(routes.map((r) => r.fn))];

/** The route an event's routeKey names ("POST /api/cycles"). */
export function routeOf(routeKey: string): Route | undefined {
  return routes.find((r) => `${r.method} ${r.path}` === routeKey);
}

/** A path segment whose %-escapes are not valid UTF-8: the request is refused with 400, never thrown. */
export class BadEscape extends Error {
  override name = 'BadEscape';
}

/** Matches a path against a route path with `{param}` segments. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const segment = want[i]!;
    const value = got[i]!;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (!value) return undefined;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(value);
      } catch {
        throw new BadEscape(`The path segment "${value.slice(0, 50)}" has a malformed %-escape`);
      }
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}
