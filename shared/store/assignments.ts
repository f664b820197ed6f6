import type { AssignmentStore } from './ports';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Assignment, StoredAssignment } from '../domain/cycles';
import { auditItem } from './audit';
import { putAll, queryAll, queryPartition, queryDue } from './batch';
import { isConditionFailure, transactWrite } from './conditions';
import { VersionConflict } from './ports';
import { fromItem } from './item';
import { GSI1, keys } from './table';

/** The item an assignment is stored as (exported for the bench, which writes the same items raw). */
export function assignmentItem(a: Assignment, createdAt: string) {
  return {
    ...keys.assignment(a.cycleId, a.stateCode),
    type: 'assignment',
    gsi1pk: keys.stateAssignments(a.stateCode),
    gsi1sk: `${createdAt}#${a.cycleId}`,
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
      const next = { ...assignment, version: assignment.version + 1 };
      const put = {
        TableName: tableName,
        Item: assignmentItem(next, assignment.createdAt),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': assignment.version },
      };
      try {
        if (audit) {
          await transactWrite(db, { TransactItems: [{ Put: put }, { Put: { TableName: tableName, Item: auditItem(audit) } }] });
        } else {
          await db.send(new PutCommand(put));
        }
      } catch (error) {
        if (isConditionFailure(error)) throw new VersionConflict(`assignment ${assignment.cycleId}/${assignment.stateCode} changed`);
        throw error;
      }
      return next;
    },

    async *dueAssignmentKeys(now) {
      const items = queryDue(db, tableName, keys.dueReminder, now);
      for await (const item of items) yield { cycleId: item.cycleId as string, stateCode: item.stateCode as string };
    },

    async assignmentsOfState(stateCode) {
      const list: StoredAssignment[] = [];
      for await (const item of queryPartition(db, tableName, GSI1, keys.stateAssignments(stateCode)))
        list.push(fromItem<StoredAssignment>(item));
      return list;
    },
  };
}
