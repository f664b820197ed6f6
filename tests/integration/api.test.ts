import { describe, expect, it } from 'vitest';
import { api, jsonOf } from './helpers';

describe('GET /health', () => {
  it('answers 200 when the table is ready', async () => {
    const response = await api('/health', { token: null });
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({ status: 'ok' });
  });
});

describe('secretariat routes', () => {
  it.each(['/api/mandates', '/api/states'])('refuse %s without a token, with a JSON error', async (path) => {
    const response = await api(path, { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await jsonOf(response)).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it.each(['/api/mandates', '/api/states'])('refuse %s with a wrong token', async (path) => {
    expect((await api(path, { token: 'integration-test-tokem' })).status).toBe(401);
    expect((await api(path, { headers: { Authorization: 'Basic abc' }, token: null })).status).toBe(401);
  });
});

describe('GET /api/mandates', () => {
  it('returns every mandate of the seed document with its year and summit city', async () => {
    const response = await api('/api/mandates');
    expect(response.status).toBe(200);
    const body = await jsonOf(response);
    expect(body.count).toBe(38);
    expect(body.mandates).toHaveLength(38);
    expect(body.next).toBeNull();
    for (const m of body.mandates) {
      expect(m.year).toEqual(expect.any(Number));
      expect(m.summit.city).toEqual(expect.any(String));
      expect(m.revision).toBe(1);
    }
    expect(body.mandates.find((m: { label: string }) => m.label === 'Initiative 33').summit.city).toBe('Santa Cruz de la Sierra');
  });

  it('filters by year, summit, document and text', async () => {
    const count = async (query: string) => (await jsonOf(await api(`/api/mandates?${query}`))).count;
    expect(await count('year=2001')).toBe(14);
    expect(await count('summit=mar-del-plata-2005')).toBe(4);
    expect(await count(`document=${encodeURIComponent('Plan of Action Québec')}`)).toBe(13);
    expect(await count('q=remittances')).toBe(3);
  });

  it('pages with limit and next', async () => {
    const first = await jsonOf(await api('/api/mandates?limit=30'));
    expect(first.mandates).toHaveLength(30);
    const second = await jsonOf(await api(`/api/mandates?limit=30&cursor=${first.next}`));
    expect(second.mandates).toHaveLength(8);
    expect(second.next).toBeNull();
  });

  it.each([
    ['year=1990', 'unknown_filter_value', 'year'],
    ['summit=atlantis', 'unknown_filter_value', 'summit'],
    ['document=Nothing', 'unknown_filter_value', 'document'],
    ['year=twenty', 'invalid_query', 'year'],
    ['colour=red', 'invalid_query', 'colour'],
  ])('answers 400 naming the field for %s', async (query, code, field) => {
    const response = await api(`/api/mandates?${query}`);
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(field);
  });
});

describe('GET /api/states', () => {
  it('returns the 35 member states with their languages and focal points', async () => {
    const body = await jsonOf(await api('/api/states'));
    expect(body.count).toBe(35);
    const language = Object.fromEntries(body.states.map((s: { code: string; language: string }) => [s.code, s.language]));
    expect(language).toMatchObject({ HTI: 'fr', BRA: 'pt', MEX: 'es', JAM: 'en', USA: 'en', CAN: 'en', ARG: 'es' });
    for (const state of body.states) {
      expect(state.code).toMatch(/^[A-Z]{3}$/);
      expect(state.focalPoints.length).toBeGreaterThan(0);
    }
  });
});

describe('the gateway', () => {
  it('answers 404 for an unknown path and 405 for a wrong method, in JSON', async () => {
    const missing = await api('/api/nothing');
    expect(missing.status).toBe(404);
    expect((await jsonOf(missing)).error.code).toBe('not_found');
    const wrongMethod = await api('/api/states', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('sends the security headers', async () => {
    const response = await api('/api/states');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
