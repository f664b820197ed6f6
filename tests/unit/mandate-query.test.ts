import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summits } from '../../seeds/registry';
import { filterMandates, mandateQuerySchema } from '../../shared/domain/mandate-query';
import { parseMandates } from '../../shared/domain/mandates';

const { mandates } = parseMandates(readFileSync('seeds/summits-mandates-migration.txt', 'utf8'), { theme: 'migration', summits });
const filter = (query: Record<string, string>) => filterMandates(mandates, mandateQuerySchema.parse(query), summits);

describe('filtering mandates', () => {
  it('filters by year, summit (id, city or alias, any accents) and document', () => {
    expect(filter({ year: '2001' }).mandates).toHaveLength(14);
    expect(filter({ summit: 'quebec-city-2001' }).mandates).toHaveLength(14);
    expect(filter({ summit: 'quebec' }).mandates).toHaveLength(14);
    expect(filter({ summit: 'Nuevo León' }).mandates).toHaveLength(2);
    expect(filter({ document: 'plan of action quebec' }).mandates).toHaveLength(13);
    expect(filter({ year: '2005', document: 'Plan of Action Mar del Plata' }).mandates).toHaveLength(3);
  });

  it('searches the text for every word, ignoring case and accents', () => {
    const found = filter({ q: 'REMITTANCES cost' }).mandates;
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(m.text.toLowerCase()).toMatch(/remittances/);
    expect(filter({ q: 'nonexistentword' }).mandates).toEqual([]);
  });

  it('returns an empty list for a known summit with no mandates on the page', () => {
    expect(filter({ summit: 'lima' })).toEqual({ mandates: [], problems: [] });
  });

  it('reports unknown filter values by field', () => {
    expect(filter({ year: '1990' }).problems).toEqual([{ field: 'year', message: expect.any(String) }]);
    expect(filter({ summit: 'Atlantis' }).problems).toEqual([{ field: 'summit', message: expect.any(String) }]);
    expect(filter({ document: 'Treaty of Nowhere' }).problems).toEqual([{ field: 'document', message: expect.any(String) }]);
  });

  it('refuses malformed and unknown parameters', () => {
    expect(mandateQuerySchema.safeParse({ year: '20x1' }).success).toBe(false);
    expect(mandateQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(mandateQuerySchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('sorts the newest summit first, then by place on the page', () => {
    const years = filter({}).mandates.map((m) => m.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });
});
