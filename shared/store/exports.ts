import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromItem } from './item';
import type { ExportRecord, ExportStore } from './ports';
import { keys } from './table';

/** An export's record is kept 30 days; its file's link is made afresh on each read. */
const KEEP_SECONDS = 30 * 86_400;

export function dynamoExportStore(db: DynamoDBDocumentClient, tableName: string): ExportStore {
  return {
    async putExport(record) {
      const ttl = Math.floor(Date.parse(record.requestedAt) / 1000) + KEEP_SECONDS;
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.export(record.id), type: 'export', ttl, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async getExport(id) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.export(id), ConsistentRead: true }));
      return result.Item ? fromItem<ExportRecord>(result.Item) : undefined;
    },
    async finishExport(id, outcome) {
      const fields = Object.entries(outcome).filter(([, value]) => value !== undefined);
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.export(id),
            UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(pk) AND #status = :running',
            ExpressionAttributeNames: Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
            ExpressionAttributeValues: { ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])), ':running': 'running' },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
