import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Answer } from '../domain/answers';
import { queryAll } from './batch';
import { keys } from './table';

export interface SessionRecord {
  sessionHash: string;
  cycleId: string;
  stateCode: string;
  linkEpoch: number;
  expiresAt: string;
}

const STORE_KEYS = ['pk', 'sk', 'type', 'ttl'];
function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of STORE_KEYS) delete copy[key];
  return copy as T;
}

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function dynamoAnswerStore(db: DynamoDBDocumentClient, tableName: string) {
  return {
    async listAnswers(cycleId: string, stateCode: string): Promise<Answer[]> {
      const answers: Answer[] = [];
      const items = queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.answers(cycleId, stateCode) },
        ConsistentRead: true,
      });
      for await (const item of items) answers.push(strip<Answer>(item));
      return answers;
    },

    async getAnswer(cycleId: string, stateCode: string, mandateId: string): Promise<Answer | undefined> {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.answer(cycleId, stateCode, mandateId), ConsistentRead: true }));
      return result.Item ? strip<Answer>(result.Item) : undefined;
    },

    /**
     * Saves an answer written over `expectedVersion` (0: a new one), and in the same transaction
     * moves the assignment's count of answered mandates by `answeredDelta` — unless it was submitted.
     */
    async saveAnswer(answer: Answer, expectedVersion: number, answeredDelta: number, now: string): Promise<'saved' | 'conflict' | 'submitted'> {
      const put = {
        TableName: tableName,
        Item: { ...keys.answer(answer.cycleId, answer.stateCode, answer.mandateId), type: 'answer', ...answer },
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': expectedVersion } }),
      };
      const update = {
        TableName: tableName,
        Key: keys.assignment(answer.cycleId, answer.stateCode),
        UpdateExpression: 'SET answeredCount = answeredCount + :delta, #status = :inProgress, lastAnswerAt = :now, #version = #version + :one',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :submitted',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':delta': answeredDelta, ':inProgress': 'in_progress', ':now': now, ':one': 1, ':submitted': 'submitted' },
      };
      try {
        await db.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Update: update }] }));
        return 'saved';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [answerReason, assignmentReason] = error.CancellationReasons ?? [];
        if (assignmentReason?.Code === 'ConditionalCheckFailed') return 'submitted';
        if (answerReason?.Code === 'ConditionalCheckFailed') return 'conflict';
        throw error;
      }
    },

    async putSession(session: SessionRecord) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.session(session.sessionHash), type: 'session', ttl: epochSeconds(session.expiresAt), ...session },
        }),
      );
    },

    async getSession(sessionHash: string): Promise<SessionRecord | undefined> {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.session(sessionHash) }));
      return result.Item ? strip<SessionRecord>(result.Item) : undefined;
    },

    async putConsoleSession(sessionHash: string, session: { actor: string; expiresAt: string }) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.consoleSession(sessionHash), type: 'console-session', ttl: epochSeconds(session.expiresAt), ...session },
        }),
      );
    },

    async getConsoleSession(sessionHash: string): Promise<{ actor: string; expiresAt: string } | undefined> {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.consoleSession(sessionHash) }));
      return result.Item ? strip<{ actor: string; expiresAt: string }>(result.Item) : undefined;
    },

    async deleteConsoleSession(sessionHash: string) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: keys.consoleSession(sessionHash) }));
    },

    /** Counts one failed link attempt from a client in the current window; returns the count so far. */
    async countFailure(client: string, windowStart: string, windowEnd: string): Promise<number> {
      const result = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.linkFailures(client, windowStart),
          UpdateExpression: 'ADD failures :one SET #type = :type, #ttl = :ttl',
          ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':type': 'link-failures', ':ttl': epochSeconds(windowEnd) + 3600 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.failures ?? 0);
    },

    async failuresSoFar(client: string, windowStart: string): Promise<number> {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.linkFailures(client, windowStart) }));
      return Number(result.Item?.failures ?? 0);
    },
  };
}

export type AnswerStore = ReturnType<typeof dynamoAnswerStore>;
export { ConditionalCheckFailedException };
