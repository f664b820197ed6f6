import type { RateLimitStore } from './ports';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { epochSeconds } from './sessions';
import { keys } from './table';

export function dynamoRateLimitStore(db: DynamoDBDocumentClient, tableName: string): RateLimitStore {
  return {
    async add(scope, client, windowStart, windowEnd, by) {
      const result = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.attempts(scope, client, windowStart),
          UpdateExpression: 'ADD attempts :by SET #type = :type, #ttl = :ttl',
          ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
          // Kept for two windows: the sliding limit reads the previous one.
          ExpressionAttributeValues: {
            ':by': by,
            ':type': 'attempts',
            ':ttl': epochSeconds(windowEnd) * 2 - epochSeconds(windowStart) + 3600,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.attempts ?? 0);
    },
    async count(scope, client, windowStart) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.attempts(scope, client, windowStart) }));
      return Number(result.Item?.attempts ?? 0);
    },
  };
}
