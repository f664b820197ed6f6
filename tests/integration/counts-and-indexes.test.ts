/**
 * The cycle counts and the narrow indexes on DynamoDB Local: what the indexes carry, and that a table
 * written before them (assignments in gsi1, no counts) keeps working.
 */
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../infra/local/bootstrap';
import { describe, expect, it } from 'vitest';
import { newAssignment } from '../../shared/domain/assignment';
import type { Cycle } from '../../shared/domain/cycles';
import { DEFAULT_PLAN } from '../../shared/domain/reminders';
import { assignmentItem } from '../../shared/store/assignments';
import { BY_STATE, COUNT_SHARDS, DUE, GSI1, keys, TABLE } from '../../shared/store/table';
import { cycleStatus } from '../../shared/usecases/cycles';
import { localDynamo, seededStores } from './helpers';

const T0 = '2027-03-01T09:00:00.000Z';

function cycleOf(id: string, codes: string[]): Cycle {
  return {
    id,
    title: 'Counts',
    status: 'open',
    opensAt: T0,
    deadline: '2027-04-10T09:00:00.000Z',
    reminders: DEFAULT_PLAN,
    selection: null,
    mandateIds: ['m-1', 'm-2'],
    stateCodes: codes,
    mandateCount: 2,
    stateCount: codes.length,
    createdAt: T0,
    createdBy: 'test',
  };
}

const answer = (cycleId: string, stateCode: string, mandateId: string) => ({
  cycleId,
  stateCode,
  mandateId,
  status: 'in_progress' as const,
  narrative: 'n'.repeat(2000),
  difficulties: '',
  evidence: [],
  version: 1,
  updatedAt: T0,
});

describe('the indexes an assignment is in', () => {
  it('carry only what their queries read: an answer save changes nothing they hold', async () => {
    // Arrange
    const { tableName, stores } = await seededStores('indexes');
    const { doc } = localDynamo();
    const cycle = cycleOf(`c-indexes-${Date.now()}`, ['JAM']);
    await stores.cycles.createCycle(cycle, { cycleId: cycle.id, at: T0, actor: 'test', action: 'cycle.created' });
    await stores.assignments.putAssignments([newAssignment(cycle, 'JAM', 'en')], T0);
    const entries = async () => {
      const [due, byState] = await Promise.all(
        [
          { index: DUE, pk: keys.dueReminder },
          { index: BY_STATE, pk: keys.stateAssignments('JAM') },
        ].map(async ({ index, pk }) => {
          const page = await doc.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: index.name,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': index.partitionKey },
              ExpressionAttributeValues: { ':pk': pk },
            }),
          );
          return page.Items!.filter((item) => item.cycleId === cycle.id);
        }),
      );
      return { due: due!, byState: byState! };
    };
    const before = await entries();
    // Act
    expect(await stores.answers.saveAnswer(answer(cycle.id, 'JAM', 'm-1'), 0, 1, '2027-03-02T00:00:00.000Z')).toBe('saved');
    const after = await entries();
    // Assert: the entries hold the keys and their few attributes, not the counts or version a save moves
    expect(Object.keys(before.due[0]!).sort()).toEqual(['cycleId', 'dueAt', 'duePk', 'pk', 'sk', 'stateCode']);
    expect(Object.keys(before.byState[0]!).sort()).toEqual(
      ['createdAt', 'cycleId', 'deadline', 'pk', 'remindersSent', 'sk', 'stateCode', 'statePk', 'stateSk', 'status'].sort(),
    );
    expect(after.due).toEqual(before.due);
    expect(after.byState).toEqual([{ ...before.byState[0], status: 'in_progress' }]);
  });
});

describe('a table written before the counts and the byState index', () => {
  it('lists a state’s older assignments from gsi1 until their next save moves them, never twice', async () => {
    // Arrange: an assignment item as it was written before (in gsi1, not in byState)
    const { tableName, stores } = await seededStores('legacy-history');
    const { doc } = localDynamo();
    const older = cycleOf(`c-older-${Date.now()}`, ['JAM']);
    const newer = cycleOf(`c-newer-${Date.now()}`, ['JAM']);
    for (const c of [older, newer]) await stores.cycles.createCycle(c, { cycleId: c.id, at: T0, actor: 'test', action: 'cycle.created' });
    const { statePk, stateSk, ...legacy } = assignmentItem(newAssignment(older, 'JAM', 'en'), '2027-01-01T00:00:00.000Z');
    await doc.send(new PutCommand({ TableName: tableName, Item: { ...legacy, gsi1pk: statePk, gsi1sk: stateSk } }));
    await stores.assignments.putAssignments([newAssignment(newer, 'JAM', 'en')], '2027-02-01T00:00:00.000Z');
    // Act
    const listed = (await stores.assignments.assignmentsOfState('JAM')).map((a) => a.cycleId);
    const read = (await stores.assignments.getAssignment(older.id, 'JAM'))!;
    await stores.assignments.saveAssignment({ ...read, status: 'submitted', submittedAt: T0 });
    const afterSave = await stores.assignments.assignmentsOfState('JAM');
    const stored = await stores.assignments.getAssignment(older.id, 'JAM');
    // Assert
    expect(listed.filter((id) => id === older.id || id === newer.id)).toEqual([older.id, newer.id]);
    expect(afterSave.filter((a) => a.cycleId === older.id || a.cycleId === newer.id).map((a) => [a.cycleId, a.status])).toEqual([
      [older.id, 'submitted'],
      [newer.id, 'pending'],
    ]);
    expect(stored).not.toHaveProperty('gsi1pk');
  });

  it('shows a cycle opened before counts were kept from its assignments, whatever the saves since', async () => {
    // Arrange: counts items removed, as for a cycle opened by the earlier version
    const { tableName, stores } = await seededStores('legacy-counts');
    const { doc } = localDynamo();
    const cycle = cycleOf(`c-legacy-${Date.now()}`, ['JAM', 'MEX']);
    await stores.cycles.createCycle(cycle, { cycleId: cycle.id, at: T0, actor: 'test', action: 'cycle.created' });
    await stores.assignments.putAssignments(
      ['JAM', 'MEX'].map((code) => newAssignment(cycle, code, 'en')),
      T0,
    );
    for (let shard = 0; shard < COUNT_SHARDS; shard += 1) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: keys.cycleCounts(cycle.id, shard) }));
    }
    // Act
    await stores.answers.saveAnswer(answer(cycle.id, 'JAM', 'm-1'), 0, 1, '2027-03-02T00:00:00.000Z');
    const counts = await stores.assignments.assignmentCounts(cycle.id);
    const status = await cycleStatus(stores, cycle.id, '2027-03-02T00:00:00.000Z');
    // Assert
    expect(counts).toBeUndefined();
    expect(status.totals).toMatchObject({ pending: 1, in_progress: 1, late: 0 });
    expect(status.answered).toEqual({ mandates: 1, of: 4, states: 1 });
  });

  it('gets the byState index added to a local table made before it (npm start keeps its data)', async () => {
    // Arrange: the table as the local bootstrap made it before: gsi1 and due, ALL
    const { raw } = localDynamo();
    const name = `before-by-state-${Date.now()}`;
    const indexes = [GSI1, DUE];
    await raw.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((AttributeName) => ({
          AttributeName,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    // Act
    const created = await ensureTable(raw, name);
    const table = (await raw.send(new DescribeTableCommand({ TableName: name }))).Table!;
    // Assert
    expect(created).toBe(false);
    expect(table.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(TABLE.indexes.map((i) => i.name).sort());
    const byState = table.GlobalSecondaryIndexes!.find((i) => i.IndexName === BY_STATE.name)!;
    expect(byState.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: [...BY_STATE.projection] });
  });
});
