import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../shared/domain/report';
import { storesOn } from '../../shared/store';
import { memoryStores } from '../../shared/store/memory';
import type { Stores } from '../../shared/store/ports';
import { exportStatus, requestExport } from '../../shared/usecases/export';
import { freshTable, localDynamo } from './helpers';

const record = (id: string): ExportRecord => ({
  id,
  cycleId: 'c1',
  format: 'xlsx',
  language: 'fr',
  scope: 'all',
  status: 'running',
  requestedAt: '2027-03-01T10:00:00.000Z',
  requestedBy: 'secretariat',
});

const cases: [string, () => Promise<Stores>][] = [
  ['in memory', async () => memoryStores()],
  ['on DynamoDB Local', async () => storesOn(localDynamo().doc, await freshTable('exports'))],
];

describe.each(cases)('the export store %s', (_, make) => {
  it('keeps an export, refuses its id twice, and finishes it once', async () => {
    const stores = await make();
    const id = '6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b';
    await stores.exports.putExport(record(id));
    await expect(stores.exports.putExport(record(id))).rejects.toThrow();
    expect(await stores.exports.getExport(id)).toEqual(record(id));
    const done = {
      status: 'done' as const,
      finishedAt: '2027-03-01T10:02:00.000Z',
      key: 'exports/c1/x.xlsx',
      fileName: 'x.xlsx',
      rows: 10,
      bytes: 99,
    };
    expect(await stores.exports.finishExport(id, done)).toBe(true);
    expect(await stores.exports.finishExport(id, { status: 'failed', finishedAt: '2027-03-01T10:03:00.000Z', error: 'late' })).toBe(false);
    expect(await stores.exports.getExport(id)).toEqual({ ...record(id), ...done });
    expect(await stores.exports.finishExport('00000000-0000-4000-8000-000000000000', done)).toBe(false);
    expect(await stores.exports.getExport('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('shows an export whose job outlived its timeout as failed, and a done one with a link', async () => {
    const stores = await make();
    const files = { downloadLink: async (key: string) => `https://files.example/${key}?signed` };
    const id = '7f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b';
    await stores.exports.putExport(record(id));
    expect((await exportStatus(stores, files, id, '2027-03-01T10:10:00.000Z')).status).toBe('running');
    expect(await exportStatus(stores, files, id, '2027-03-01T10:17:00.000Z')).toMatchObject({
      status: 'failed',
      error: 'The export job stopped before it finished',
    });
    const other = '8f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b';
    await stores.exports.putExport(record(other));
    await stores.exports.finishExport(other, { status: 'done', finishedAt: '2027-03-01T10:01:00.000Z', key: 'exports/c1/y.csv' });
    const shown = await exportStatus(stores, files, other, '2027-03-02T00:00:00.000Z');
    expect(shown).toMatchObject({ status: 'done', url: 'https://files.example/exports/c1/y.csv?signed' });
    expect(shown).not.toHaveProperty('key');
    expect(shown).not.toHaveProperty('requestedBy');
  });

  it('refuses an export of an unknown cycle', async () => {
    const stores = await make();
    const context = { now: '2027-03-01T10:00:00.000Z', actor: 'secretariat', start: async () => {} };
    await expect(requestExport(stores, 'nope', { format: 'csv', language: 'en', scope: 'all' }, context)).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
