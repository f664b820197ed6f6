import type { AssignmentStore } from './ports';
import { GetCommand, PutCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Assignment, StoredAssignment } from '../domain/cycles';
import { auditItem } from './audit';
import { putAll, queryAll, queryPartition, queryDue } from './batch';
import { collect, isConditionFailure, transactWrite } from './conditions';
import { countsChange, countsFromItems, countsItems, countsUpdate } from './counts';
import { VersionConflict } from './ports';
import { fromItem } from './item';
import { historyOf } from './projections';
import { BY_STATE, COUNT_SHARDS, GSI1, keys } from './table';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** The item an assignment is stored as (exported for the bench, which writes the same items raw). */
export function assignmentItem(a: Assignment, createdAt: string) {
  return {
    ...keys.assignment(a.cycleId, a.stateCode),
    type: 'assignment',
    statePk: keys.stateAssignments(a.stateCode),
    stateSk: `${createdAt}#${a.cycleId}`,
    ...(a.nextReminderAt ? { duePk: keys.dueReminder, dueAt: a.nextReminderAt } : {}),
    createdAt,
    ...a,
  };
}

export function dynamoAssignmentStore(db: DynamoDBDocumentClient, tableName: string): AssignmentStore {
  return {
    async putAssignments(assignments, createdAt) {
      await putAll(
        db,
        tableName,
        assignments.map((a) => assignmentItem(a, createdAt)),
      );
      // The counts after the assignments: a run that dies in between leaves no counts, and the next run writes both again.
      for (const cycleId of new Set(assignments.map((a) => a.cycleId))) {
        const ofCycle = assignments.filter((a) => a.cycleId === cycleId);
        await putAll(db, tableName, countsItems(cycleId, ofCycle, COUNT_SHARDS));
      }
    },

    async getAssignment(cycleId, stateCode) {
      const result = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.assignment(cycleId, stateCode), ConsistentRead: true }),
      );
      return result.Item ? fromItem<StoredAssignment>(result.Item) : undefined;
    },

    async listAssignments(cycleId) {
      const { pk, sk } = keys.assignment(cycleId, '');
      const items = queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': sk },
        ConsistentRead: true,
      });
      const list: StoredAssignment[] = [];
      for await (const item of items) list.push(fromItem<StoredAssignment>(item));
      return list;
    },

    async saveAssignment(assignment, audit) {
      const conflict = () => new VersionConflict(`assignment ${assignment.cycleId}/${assignment.stateCode} changed`);
      // What the counts move from: the assignment as stored, which the write below requires to be still at this version.
      const stored = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.assignment(assignment.cycleId, assignment.stateCode),
          ProjectionExpression: '#status, answeredCount, #version',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ConsistentRead: true,
        }),
      );
      const before = stored.Item as Pick<StoredAssignment, 'status' | 'answeredCount' | 'version'> | undefined;
      if (before?.version !== assignment.version) throw conflict();
      const next = { ...assignment, version: assignment.version + 1 };
      const put = {
        TableName: tableName,
        Item: assignmentItem(next, assignment.createdAt),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': assignment.version },
      };
      const counts = countsUpdate(tableName, assignment.cycleId, assignment.stateCode, countsChange(before, next));
      const items: TransactItems = [{ Put: put }];
      if (counts) items.push({ Update: counts });
      if (audit) items.push({ Put: { TableName: tableName, Item: auditItem(audit) } });
      try {
        if (items.length > 1) await transactWrite(db, { TransactItems: items }, 8);
        else await db.send(new PutCommand(put));
      } catch (error) {
        if (isConditionFailure(error)) throw conflict();
        throw error;
      }
      return next;
    },

    async *dueAssignmentKeys(now) {
      const items = queryDue(db, tableName, keys.dueReminder, now);
      for await (const item of items) yield { cycleId: item.cycleId as string, stateCode: item.stateCode as string };
    },

    async assignmentsOfState(stateCode) {
      // An assignment written before the byState index is still in gsi1 until its next save (a Put) moves it.
      const partition = keys.stateAssignments(stateCode);
      const [current, earlier] = await Promise.all([
        collect(queryPartition(db, tableName, BY_STATE, partition)),
        collect(queryPartition(db, tableName, GSI1, partition)),
      ]);
      const byCycle = new Map<string, Record<string, unknown>>();
      for (const item of [...earlier, ...current]) byCycle.set(item.cycleId as string, item);
      const order = (item: Record<string, unknown>) => Buffer.from(`${item.createdAt}#${item.cycleId}`);
      return [...byCycle.values()].sort((a, b) => Buffer.compare(order(a), order(b))).map(historyOf);
    },

    async assignmentCounts(cycleId) {
      const items = queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.cycle(cycleId).pk, ':prefix': keys.cycleCountsPrefix },
        ConsistentRead: true,
      });
      return countsFromItems(await collect(items), COUNT_SHARDS);
    },
  };
}
