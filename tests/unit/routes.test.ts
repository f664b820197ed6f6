import { describe, expect, it } from 'vitest';
import { matchPath, routes } from '../../shared/http/routes';
import { existsSync } from 'node:fs';

describe('the route table', () => {
  it('matches literal and parameter segments', () => {
    expect(matchPath('/api/states/{code}', '/api/states/HTI')).toEqual({ code: 'HTI' });
    expect(matchPath('/api/states', '/api/states')).toEqual({});
    expect(matchPath('/api/states/{code}', '/api/states/')).toBeUndefined();
    expect(matchPath('/api/states', '/api/mandates')).toBeUndefined();
  });

  it('names a handler folder that exists for every route, and no route twice', () => {
    for (const route of routes) expect(existsSync(`functions/${route.fn}/handler.ts`), route.fn).toBe(true);
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
