import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { memberStates, summits } from '../../seeds/registry';
import { MandateParseError } from '../../shared/domain/mandates';
import { putAll } from '../../shared/store/batch';
import { dynamoMandateStore } from '../../shared/store/mandates';
import { dynamoStateStore } from '../../shared/store/states';
import type { StoredMandate } from '../../shared/store/ports';
import { importMandatePage } from '../../shared/usecases/import-mandates';
import { seed } from '../../shared/usecases/seed';
import { countItems, freshTable, localDynamo } from './helpers';

const migration = { source: 'summits-mandates-migration.txt', text: readFileSync('seeds/summits-mandates-migration.txt', 'utf8') };

let tableName: string;
let db: DynamoDBDocumentClient;
const storesOf = () => ({ mandates: dynamoMandateStore(db, tableName), states: dynamoStateStore(db, tableName) });
const run = (documents = [migration]) => seed({ documents, summits, states: memberStates }, storesOf());

beforeEach(async () => {
  tableName = await freshTable('seed');
  db = localDynamo().doc;
});

describe('seeding', () => {
  it('writes every mandate with a first revision and the 35 states', async () => {
    const report = await run();
    expect(report.mandates).toMatchObject({ parsed: 38, added: 38 });
    expect(report.states).toEqual({ inRegister: 35, added: 35 });
    const stored = await storesOf().mandates.listMandates();
    expect(stored).toHaveLength(38);
    expect(stored.every((m) => m.revision === 1)).toBe(true);
    // 38 current items, 38 revisions, 35 states, and the page itself (the catalogue is rebuilt from the stored pages)
    expect(await countItems(tableName)).toBe(38 + 38 + 35 + 1);
    expect((await storesOf().mandates.listPages!()).map((p) => [p.name, p.theme, p.language, p.origin])).toEqual([
      ['summits-mandates-migration.txt', 'migration', 'en', 'seed'],
    ]);
  });

  it('writes nothing new when run twice', async () => {
    await run();
    const before = await countItems(tableName);
    const report = await run();
    expect(report.mandates).toMatchObject({ added: 0, revised: 0, moved: 0, unchanged: 38 });
    expect(report.states.added).toBe(0);
    expect(await countItems(tableName)).toBe(before);
  });

  it('makes an edited text a new revision of the same mandate and keeps the old one', async () => {
    await run();
    const edited = {
      ...migration,
      text: migration.text.replace('Strengthen cooperation among states to address', 'Strengthen cooperation among all states to address'),
    };
    const report = await run([edited]);
    expect(report.mandates).toMatchObject({ revised: 1, unchanged: 37 });
    const mandate = (await storesOf().mandates.listMandates()).find((m) => m.id === 'migration-2001-plan-of-action-quebec-2')!;
    expect(mandate.revision).toBe(2);
    expect(mandate.text).toMatch(/among all states/);
    const first = await db.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
        TableName: tableName,
        Key: { pk: 'MANDATE#migration-2001-plan-of-action-quebec-2', sk: 'REV#000001' },
      }),
    );
    expect(first.Item?.text).toMatch(/^Strengthen cooperation among states/);
    expect(await countItems(tableName)).toBe(38 + 39 + 35 + 1);
  });

  it('refuses a malformed document, naming the line, and leaves the table untouched', async () => {
    await run();
    const before = await countItems(tableName);
    const broken = { source: 'summits-mandates-broken.txt', text: '  1. A commitment without a citation.\n' };
    const edited = { ...migration, text: migration.text.replace('Strengthen cooperation', 'Strengthen all cooperation') };
    await expect(run([edited, broken])).rejects.toThrowError(MandateParseError);
    await expect(run([edited, broken])).rejects.toThrowError(/summits-mandates-broken.txt:1: entry has no citation/);
    expect(await countItems(tableName)).toBe(before);
    expect((await storesOf().mandates.listMandates()).every((m) => m.revision === 1)).toBe(true);
  });

  it('never overwrites a state the secretariat has edited', async () => {
    await run();
    const haiti = (await storesOf().states.getState('HTI'))!;
    await storesOf().states.putState({ ...haiti, focalPoints: ['ministere@haiti.example.org'] });
    await run();
    expect((await storesOf().states.getState('HTI'))!.focalPoints).toEqual(['ministere@haiti.example.org']);
  });

  it('loads another theme page beside the first, without id clashes', async () => {
    const education = {
      source: 'summits-mandates-education.txt',
      text: '  1. Promote quality education (Plan of Action Québec, 2001).\n\n  1. Expand access (Declaration of Lima, 2018).\n',
    };
    const report = await run([migration, education]);
    expect(report.mandates.added).toBe(40);
    expect((await storesOf().mandates.listMandates()).filter((m) => m.theme === 'education')).toHaveLength(2);
  });
});

describe('seeding the catalogue of many pages', () => {
  const fixture = (name: string) => ({ source: name, text: readFileSync(`tests/unit/fixtures/${name}`, 'utf8') });
  const health = fixture('summits-mandates-health-prevention.txt');
  const healthEs = fixture('summits-mandates-health-prevention-es.txt');
  const labor = fixture('summits-mandates-labor-employment.txt');
  const stored = async () => new Map((await storesOf().mandates.listMandates()).map((m) => [m.id, m]));
  const withoutLine = (text: string, part: string) =>
    text
      .split('\n')
      .filter((line) => !line.includes(part))
      .join('\n');
  const vaccination = (mandates: Map<string, StoredMandate>) => [...mandates.values()].find((m) => m.text.startsWith('Make vaccination'))!;

  it('stores a mandate on two theme pages once, with both themes', async () => {
    const report = await run([migration, health, labor]);
    expect(report.mandates.added).toBe(report.mandates.parsed);
    const all = [...(await stored()).values()];
    expect(all.filter((m) => m.text.startsWith('Make vaccination'))).toHaveLength(1);
    expect(vaccination(await stored()).themes).toEqual(['health-disease-prevention', 'labor-employment']);
  });

  it('makes a new revision when a mandate gains a theme or a translation, and keeps its id', async () => {
    await run([migration, health]);
    const before = vaccination(await stored());
    expect(before).toMatchObject({ revision: 1, themes: ['health-disease-prevention'] });

    const withLabor = await run([migration, health, labor]);
    expect(withLabor.mandates.revised).toBeGreaterThanOrEqual(1);
    expect(vaccination(await stored())).toMatchObject({
      id: before.id,
      revision: 2,
      themes: ['health-disease-prevention', 'labor-employment'],
    });

    const withSpanish = await run([migration, health, labor, healthEs]);
    expect(withSpanish.mandates.revised).toBeGreaterThanOrEqual(1);
    const translated = vaccination(await stored());
    expect(translated).toMatchObject({ id: before.id, revision: 3, language: 'en' });
    expect(translated.texts?.es).toMatch(/^Lograr que las campañas de vacunación/);
    expect((await run([migration, health, labor, healthEs])).mandates).toMatchObject({ added: 0, revised: 0, retired: 0 });
  });

  it('refuses documents with problems, naming every file and line, and writes nothing', async () => {
    const one = { source: 'summits-mandates-one.txt', text: '  1. No citation here.\n' };
    const two = { source: 'summits-mandates-two.txt', text: 'Stray text\n  1. Fine (Plan of Action Québec, 2001).\n' };
    const error = await run([migration, one, two]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MandateParseError);
    expect((error as Error).message).toMatch(/summits-mandates-one.txt:1: entry has no citation/);
    expect((error as Error).message).toMatch(/summits-mandates-two.txt:1: /);
    expect(await countItems(tableName)).toBe(0);
  });

  it('retires a mandate that leaves its seed document, and keeps it', async () => {
    await run();
    // The last bullet carries its own label (2.8): leaving it out changes no other entry's label.
    const miami = 'migration-1994-plan-of-action-miami-2-8';
    const without = { ...migration, text: withoutLine(migration.text, '2.8 Guarantee the protection') };
    const report = await run([without]);
    expect(report.mandates).toMatchObject({ retired: 1, added: 0, revised: 0, unchanged: 37 });
    const retired = (await stored()).get(miami)!;
    expect(retired).toMatchObject({ retired: true, retiredAt: expect.any(String), revision: 1 });

    const back = await run();
    expect(back.mandates).toMatchObject({ added: 1, retired: 0 });
    expect((await stored()).get(miami)!.retired).toBeUndefined();
  });

  it('upgrades a mandate written before themes and texts were kept, without a new revision', async () => {
    await run();
    const legacy = [...(await stored()).values()].map(({ themes: _t, texts: _x, language: _l, ...m }) => ({
      ...m,
      contentHash: createHash('sha256')
        .update(JSON.stringify([m.label, m.text, m.parentId, m.citation, m.document, m.summitId, m.year, m.notes, m.theme, m.chapeau]))
        .digest('hex'),
    }));
    await storesOf().mandates.saveMandates(legacy);
    const report = await run();
    expect(report.mandates).toMatchObject({ added: 0, revised: 0, unchanged: 38 });
    for (const m of (await stored()).values()) expect(m).toMatchObject({ revision: 1, themes: ['migration'], language: 'en' });
  });

  it('never replaces a page imported through the API with a seed document', async () => {
    await run();
    const imported = withoutLine(migration.text, '2.8 Guarantee the protection');
    await importMandatePage(
      { name: 'migration', text: imported, apply: true },
      { store: storesOf().mandates, summits, now: new Date().toISOString() },
    );
    expect((await storesOf().mandates.listPages!()).map((p) => p.name)).toEqual(['migration']);

    const progress: string[] = [];
    const report = await seed({ documents: [migration], summits, states: memberStates }, storesOf(), { progress: (m) => progress.push(m) });
    expect(progress.join('\n')).toMatch(/summits-mandates-migration.txt left out: the page migration imported through the API/);
    expect(report.mandates).toMatchObject({ added: 0, revised: 0, retired: 0, parsed: 37 });
    expect((await stored()).get('migration-1994-plan-of-action-miami-2-8')!.retired).toBe(true);
  });
});

describe('batch writes', () => {
  it('write in batches of at most 25 and retry what DynamoDB leaves unprocessed', async () => {
    // A fault DynamoDB Local cannot produce: the first answer to each batch leaves half of it unprocessed.
    const sizes: number[] = [];
    const seenBatches = new Set<string>();
    const flaky = {
      send: async (command: BatchWriteCommand) => {
        const requests = command.input.RequestItems![tableName]!;
        sizes.push(requests.length);
        const key = JSON.stringify(requests[0]);
        if (!seenBatches.has(key) && requests.length > 1) {
          seenBatches.add(key);
          const half = Math.ceil(requests.length / 2);
          await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests.slice(0, half) } }));
          return { UnprocessedItems: { [tableName]: requests.slice(half) } };
        }
        return db.send(command);
      },
    } as unknown as DynamoDBDocumentClient;
    const items = Array.from({ length: 60 }, (_, i) => ({ pk: `TEST#${i}`, sk: 'X', n: i }));
    const progress: number[] = [];
    await putAll(flaky, tableName, items, { baseDelayMs: 1, onProgress: (written) => progress.push(written) });
    expect(Math.max(...sizes)).toBeLessThanOrEqual(25);
    expect(sizes.length).toBeGreaterThan(3);
    expect(await countItems(tableName)).toBe(60);
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toBe(60);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('give up with an error when items stay unprocessed', async () => {
    const stuck = {
      send: async (command: BatchWriteCommand) => ({ UnprocessedItems: command.input.RequestItems }),
    } as unknown as DynamoDBDocumentClient;
    await expect(putAll(stuck, tableName, [{ pk: 'A', sk: 'B' }], { maxAttempts: 3, baseDelayMs: 1 })).rejects.toThrowError(
      /unprocessed after 3 attempts/,
    );
  });
});
