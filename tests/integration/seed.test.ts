import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { memberStates, summits } from '../../seeds/registry';
import { MandateParseError } from '../../shared/domain/mandates';
import { putAll } from '../../shared/store/batch';
import { dynamoMandateStore } from '../../shared/store/mandates';
import { dynamoStateStore } from '../../shared/store/states';
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
    // 38 current items, 38 revisions, 35 states
    expect(await countItems(tableName)).toBe(38 + 38 + 35);
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
    expect(await countItems(tableName)).toBe(38 + 39 + 35);
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
