import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Answer } from '../domain/answers';
import { transactWrite } from './conditions';
import { fromItem } from './item';
import type { AnswerStore } from './ports';
import { queryAll } from './batch';
import { keys } from './table';

export function dynamoAnswerStore(db: DynamoDBDocumentClient, tableName: string): AnswerStore {
  return {
    async listAnswers(cycleId, stateCode) {
      const answers: Answer[] = [];
      const items = queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.answers(cycleId, stateCode) },
        ConsistentRead: true,
      });
      for await (const item of items) answers.push(fromItem<Answer>(item));
      return answers;
    },

    async getAnswer(cycleId, stateCode, mandateId) {
      const result = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.answer(cycleId, stateCode, mandateId), ConsistentRead: true }),
      );
      return result.Item ? fromItem<Answer>(result.Item) : undefined;
    },

    async saveAnswer(answer, expectedVersion, answeredDelta, now) {
      const put = {
        TableName: tableName,
        Item: { ...keys.answer(answer.cycleId, answer.stateCode, answer.mandateId), type: 'answer', ...answer },
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': expectedVersion },
            }),
      };
      const update = {
        TableName: tableName,
        Key: keys.assignment(answer.cycleId, answer.stateCode),
        UpdateExpression:
          'SET answeredCount = answeredCount + :delta, #status = :inProgress, lastAnswerAt = :now, #version = #version + :one',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :submitted',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':delta': answeredDelta,
          ':inProgress': 'in_progress',
          ':now': now,
          ':one': 1,
          ':submitted': 'submitted',
        },
      };
      try {
        await transactWrite(db, { TransactItems: [{ Put: put }, { Update: update }] });
        return 'saved';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [answerReason, assignmentReason] = error.CancellationReasons ?? [];
        if (assignmentReason?.Code === 'ConditionalCheckFailed') return 'submitted';
        if (answerReason?.Code === 'ConditionalCheckFailed') return 'conflict';
        throw error;
      }
    },
  };
}
