import type { AuditEntry, AuditStore } from './ports';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor } from './conditions';
import { fromItem } from './item';
import { keys } from './table';

let auditSequence = 0;

/** Sorted by the time of the event, then by when it was recorded, so entries of one instant keep their order. */
export function auditItem(entry: AuditEntry) {
  auditSequence = (auditSequence + 1) % 1e6;
  const recorded = `${Date.now().toString(36).padStart(9, '0')}${String(auditSequence).padStart(6, '0')}`;
  return { pk: keys.audit(entry.cycleId), sk: `${entry.at}#${recorded}#${randomUUID().slice(0, 8)}`, type: 'audit', ...entry };
}

export function dynamoAuditStore(db: DynamoDBDocumentClient, tableName: string): AuditStore {
  return {
    async appendAudit(entry) {
      await db.send(new PutCommand({ TableName: tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' }));
    },
    async listAudit(cycleId, { limit, cursor }) {
      const pk = keys.audit(cycleId);
      const start = cursor === undefined ? undefined : decodeCursor(cursor, pk);
      if (cursor !== undefined && !start) return 'bad_cursor';
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      return { entries: (page.Items ?? []).map((i) => fromItem<AuditEntry>(i)), cursor: encodeCursor(page.LastEvaluatedKey) };
    },
  };
}
