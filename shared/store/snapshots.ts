import type { SnapshotRecord, SnapshotStore } from './ports';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll, queryPartition } from './batch';
import { collect } from './conditions';
import { fromItem } from './item';
import { GSI1, keys } from './table';

export function dynamoSnapshotStore(db: DynamoDBDocumentClient, tableName: string): SnapshotStore {
  return {
    async putSnapshot(snapshot) {
      const Item = {
        ...keys.snapshot(snapshot.cycleId, snapshot.generatedAt),
        type: 'snapshot',
        gsi1pk: keys.snapshotList,
        gsi1sk: `${snapshot.generatedAt}#${snapshot.cycleId}`,
        ...snapshot,
      };
      await db.send(new PutCommand({ TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
    },
    async listSnapshots(cycleId) {
      const items = cycleId
        ? await collect(
            queryAll(db, {
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': keys.snapshot(cycleId, '').pk },
              ConsistentRead: true,
            }),
          )
        : await collect(queryPartition(db, tableName, GSI1, keys.snapshotList));
      return items.map((i) => fromItem<SnapshotRecord>(i)).sort((a, b) => b.generatedAt.localeCompare(a.generatedAt));
    },
  };
}
