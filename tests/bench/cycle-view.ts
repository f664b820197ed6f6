/**
 * The cycle view at full size (193 states × 2,000 mandates; `--quick`: 193 × 400) against a raw read of
 * what it shows (the cycle, its assignments and counts, the register); and what an answer save costs in
 * write units, against the save as it was before the counts and the narrow indexes (the same two-item
 * transaction on a table whose indexes project ALL, the assignment in gsi1 and in `due`).
 *
 * Part of `npm run bench`; runs alone too: `npx tsx tests/bench/cycle-view.ts [--quick]`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resolve } from 'node:path';
import { ensureTable } from '../../infra/local/bootstrap';
import { startLocalSystem } from '../../infra/local/system';
import { newAssignment } from '../../shared/domain/assignment';
import type { Answer } from '../../shared/domain/answers';
import type { Cycle } from '../../shared/domain/cycles';
import { DEFAULT_PLAN } from '../../shared/domain/reminders';
import { storesOn } from '../../shared/store';
import { assignmentItem } from '../../shared/store/assignments';
import { queryAll } from '../../shared/store/batch';
import { createDocumentClient } from '../../shared/store/client';
import { GSI1, keys } from '../../shared/store/table';
import { cycleStatus } from '../../shared/usecases/cycles';

export const CYCLE_VIEW_SIZES = {
  quick: { states: 193, mandates: 400, saves: 100 },
  full: { states: 193, mandates: 2_000, saves: 400 },
};

export interface CycleViewFigures {
  states: number;
  mandates: number;
  viewMs: number;
  rawMs: number;
  /** Write units of one answer save (a new answer, and the same answer saved again), now and before. */
  save: { first: number; again: number };
  saveBefore: { first: number; again: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A document client that adds up the write units DynamoDB reports for every call (indexes included). */
function metered(endpoint: string) {
  const doc = createDocumentClient({ region: 'us-east-1', endpoint });
  const used = { write: 0 };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity ?? []].flat() as { CapacityUnits?: number }[];
      if (/Put|Update|Delete|BatchWrite|TransactWrite/.test(context.commandName ?? '')) {
        used.write += consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      }
      return result;
    },
    { step: 'initialize', name: 'meterWrites' },
  );
  return { doc, used };
}

function cycleOf(id: string, states: string[], mandates: number): Cycle {
  return {
    id,
    title: 'Cycle view',
    status: 'open',
    opensAt: '2030-01-01T00:00:00.000Z',
    deadline: '2030-03-01T00:00:00.000Z',
    reminders: DEFAULT_PLAN,
    selection: null,
    mandateIds: Array.from({ length: mandates }, (_, i) => `m-${i}`),
    stateCodes: states,
    mandateCount: mandates,
    stateCount: states.length,
    createdAt: '2029-12-01T00:00:00.000Z',
    createdBy: 'bench',
  };
}

function answerOf(cycleId: string, stateCode: string, mandateId: string, version: number): Answer {
  return {
    cycleId,
    stateCode,
    mandateId,
    status: 'in_progress',
    narrative: 'Measures were taken by the ministry, with a national plan and a budget line.',
    difficulties: '',
    evidence: [],
    version,
    updatedAt: '2030-01-15T00:00:00.000Z',
  };
}

/** The save as it was: the answer, and the assignment's count, status and version, in one transaction. */
function saveBefore(db: DynamoDBDocumentClient, tableName: string, answer: Answer, expectedVersion: number, delta: number) {
  return db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.answer(answer.cycleId, answer.stateCode, answer.mandateId), type: 'answer', ...answer },
            ...(expectedVersion === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#version = :version',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':version': expectedVersion },
                }),
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.assignment(answer.cycleId, answer.stateCode),
            UpdateExpression:
              'SET answeredCount = answeredCount + :delta, #status = :inProgress, lastAnswerAt = :now, #version = #version + :one',
            ConditionExpression: 'attribute_exists(pk) AND #status <> :submitted',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ':delta': delta,
              ':inProgress': 'in_progress',
              ':now': answer.updatedAt,
              ':one': 1,
              ':submitted': 'submitted',
            },
          },
        },
      ],
    }),
  );
}

export async function cycleViewBench(
  endpoint: string,
  size: { states: number; mandates: number; saves: number },
  log: (message: string) => void,
): Promise<CycleViewFigures> {
  const raw = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { doc, used } = metered(endpoint);
  const tableName = `bench-cycle-view-${Date.now()}`;
  await ensureTable(raw, tableName);
  const stores = storesOn(doc, tableName);
  const codes = Array.from(
    { length: size.states },
    (_, i) => `V${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`,
  );
  log(`the cycle view at ${size.states} states × ${size.mandates} mandates`);
  await stores.states.addStates(
    codes.map((code) => ({ code, name: `State ${code}`, localName: code, language: 'en', active: true, focalPoints: [], updatedAt: 'x' })),
  );
  const cycle = cycleOf(`cv-${Date.now()}`, codes, size.mandates);
  await stores.cycles.createCycle(cycle, { cycleId: cycle.id, at: cycle.createdAt, actor: 'bench', action: 'cycle.created' });
  await stores.assignments.putAssignments(
    codes.map((code) => newAssignment(cycle, code, 'en')),
    cycle.createdAt,
  );

  // The per-save cost, on `saves` answers spread over the states: each saved new, then saved again.
  const sample = Array.from({ length: size.saves }, (_, i) => ({ code: codes[i % codes.length]!, mandateId: `m-${i}` }));
  const perSave = async (save: (code: string, mandateId: string, version: number) => Promise<unknown>) => {
    const figures = { first: 0, again: 0 };
    for (const pass of ['first', 'again'] as const) {
      const start = used.write;
      for (const { code, mandateId } of sample) await save(code, mandateId, pass === 'first' ? 0 : 1);
      figures[pass] = (used.write - start) / sample.length;
    }
    return figures;
  };
  const save = await perSave((code, mandateId, version) =>
    stores.answers.saveAnswer(answerOf(cycle.id, code, mandateId, version + 1), version, version === 0 ? 1 : 0, '2030-01-15T00:00:00.000Z'),
  );
  const beforeTable = `bench-cycle-view-before-${Date.now()}`;
  await ensureTable(raw, beforeTable, { projectAll: true });
  for (const code of codes) {
    const { statePk, stateSk, ...item } = assignmentItem(newAssignment(cycle, code, 'en'), cycle.createdAt);
    await doc.send(new PutCommand({ TableName: beforeTable, Item: { ...item, gsi1pk: statePk, gsi1sk: stateSk } }));
  }
  const saveBeforeFigures = await perSave((code, mandateId, version) =>
    saveBefore(doc, beforeTable, answerOf(cycle.id, code, mandateId, version + 1), version, version === 0 ? 1 : 0),
  );

  // The view, against a raw read of the same items: one warm-up, then the median of five.
  const rawRead = async () => {
    const partition = keys.cycle(cycle.id).pk;
    const inPartition = (prefix: string) =>
      queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
        ConsistentRead: true,
      });
    const all = async (items: AsyncGenerator<unknown>) => {
      for await (const _ of items);
    };
    await Promise.all([
      doc.send(new GetCommand({ TableName: tableName, Key: keys.cycle(cycle.id), ConsistentRead: true })),
      all(inPartition(keys.assignment(cycle.id, '').sk)),
      all(inPartition(keys.cycleCountsPrefix)),
      doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI1.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
          ExpressionAttributeValues: { ':pk': keys.stateList },
        }),
      ),
    ]);
  };
  const views: number[] = [];
  const raws: number[] = [];
  for (let round = 0; round < 6; round += 1) {
    let start = performance.now();
    const view = await cycleStatus(stores, cycle.id, '2030-01-20T00:00:00.000Z');
    const viewMs = performance.now() - start;
    start = performance.now();
    await rawRead();
    const rawMs = performance.now() - start;
    if (view.answered.mandates !== size.saves) throw new Error(`the view counts ${view.answered.mandates} answers, not ${size.saves}`);
    if (round === 0) continue;
    views.push(viewMs);
    raws.push(rawMs);
  }
  return {
    states: size.states,
    mandates: size.mandates,
    viewMs: median(views),
    rawMs: median(raws),
    save,
    saveBefore: saveBeforeFigures,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const quick = process.argv.includes('--quick');
  const system = await startLocalSystem({ port: 0, dynamodbPort: 0, sesPort: 0, s3Port: 0, secretariatToken: 'bench-token', seed: false });
  try {
    const figures = await cycleViewBench(system.urls.dynamodb, quick ? CYCLE_VIEW_SIZES.quick : CYCLE_VIEW_SIZES.full, (m) =>
      console.log(`  · ${m}`),
    );
    console.log(JSON.stringify({ ...figures, ratio: figures.viewMs / figures.rawMs }, null, 2));
  } finally {
    await system.stop();
  }
}
