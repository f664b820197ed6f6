import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Answer } from '../domain/answers';
import { transactWrite } from './conditions';
import { fromItem } from './item';
import { ANSWER_MARK_ATTRIBUTES, type AnswerMark, type AnswerStore } from './ports';
import { queryAll } from './batch';
import { countsChange, countsUpdate, refusesAnswers, statusAfterAnswer } from './counts';
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

    async listAnswerMarks(cycleId, stateCode) {
      const marks: AnswerMark[] = [];
      const items = queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ProjectionExpression: ANSWER_MARK_ATTRIBUTES.map((_, i) => `#m${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(ANSWER_MARK_ATTRIBUTES.map((name, i) => [`#m${i}`, name])),
        ExpressionAttributeValues: { ':pk': keys.answers(cycleId, stateCode) },
        ConsistentRead: true,
      });
      for await (const item of items) marks.push(fromItem<AnswerMark>(item));
      return marks;
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
      const assignmentKey = keys.assignment(answer.cycleId, answer.stateCode);
      // The counts move with the assignment's status, so the write names the status it moves from: most saves
      // find the report in progress; when it is not, the status is read and the save tried again.
      let status = 'in_progress';
      for (let attempt = 1; ; attempt += 1) {
        const next = statusAfterAnswer(status);
        const update = {
          TableName: tableName,
          Key: assignmentKey,
          UpdateExpression: 'SET answeredCount = answeredCount + :delta, #status = :next, lastAnswerAt = :now, #version = #version + :one',
          ConditionExpression: '#status = :was',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':delta': answeredDelta, ':next': next, ':was': status, ':now': now, ':one': 1 },
        };
        const change = countsChange({ status, answeredCount: 0 }, { status: next, answeredCount: answeredDelta });
        const counts = countsUpdate(tableName, answer.cycleId, answer.stateCode, change);
        try {
          await transactWrite(db, { TransactItems: [{ Put: put }, { Update: update }, ...(counts ? [{ Update: counts }] : [])] }, 8);
          return 'saved';
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const [answerReason, assignmentReason] = error.CancellationReasons ?? [];
          const stale = answerReason?.Code === 'ConditionalCheckFailed';
          if (assignmentReason?.Code !== 'ConditionalCheckFailed') {
            if (stale) return 'conflict';
            throw error;
          }
          const stored = await db.send(
            new GetCommand({
              TableName: tableName,
              Key: assignmentKey,
              ProjectionExpression: '#status',
              ExpressionAttributeNames: { '#status': 'status' },
              ConsistentRead: true,
            }),
          );
          const current = stored.Item?.status as string | undefined;
          if (current === undefined || refusesAnswers(current)) return 'submitted';
          if (stale) return 'conflict';
          if (attempt >= 5) throw error;
          status = current;
        }
      }
    },
  };
}
