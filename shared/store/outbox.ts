import type { TokenRecord, OutboxRecord, OutboxStore } from './ports';
import {
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { transactWrite } from './conditions';
import { fromItem } from './item';
import { keys } from './table';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export function dynamoOutboxStore(db: DynamoDBDocumentClient, tableName: string): OutboxStore {
  return {
    async claimEmail(claim, assignment, token) {
      const items: TransactItems = [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.outbox(claim.cycleId, claim.stateCode, claim.slot, claim.to), type: 'outbox', status: 'sending', ...claim },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.assignment(assignment.cycleId, assignment.stateCode),
            UpdateExpression: 'SET lastEmail = :inFlight, #version = :next',
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: {
              ':version': assignment.version,
              ':next': assignment.version + 1,
              ':inFlight': { slot: claim.slot, kind: claim.kind, at: claim.claimedAt, result: 'unknown', to: [] },
            },
          },
        },
      ];
      if (token) items.push({ Put: { TableName: tableName, Item: { ...keys.token(token.tokenHash), type: 'token', ...token } } });
      try {
        await transactWrite(db, { TransactItems: items });
        return 'claimed';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [outbox, check] = error.CancellationReasons ?? [];
        if (outbox?.Code === 'ConditionalCheckFailed') return 'taken';
        if (check?.Code === 'ConditionalCheckFailed') return 'stale';
        throw error;
      }
    },

    async markEmail(claim, status, fields) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.outbox(claim.cycleId, claim.stateCode, claim.slot, claim.to),
          UpdateExpression: 'SET #status = :status, messageId = :id, sentAt = :at',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':id': fields.messageId ?? null, ':at': fields.at },
        }),
      );
    },

    async releaseEmail(claim, tokenHash) {
      const items: TransactItems = [
        { Delete: { TableName: tableName, Key: keys.outbox(claim.cycleId, claim.stateCode, claim.slot, claim.to) } },
      ];
      if (tokenHash) items.push({ Delete: { TableName: tableName, Key: keys.token(tokenHash) } });
      await transactWrite(db, { TransactItems: items });
    },

    async outboxOf(cycleId, stateCode) {
      const { pk } = keys.outbox(cycleId, stateCode, '', '');
      const records: OutboxRecord[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        );
        records.push(...(page.Items ?? []).map((i) => fromItem<OutboxRecord>(i)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return records;
    },

    async getToken(tokenHash) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.token(tokenHash) }));
      return result.Item ? fromItem<TokenRecord>(result.Item) : undefined;
    },
  };
}
