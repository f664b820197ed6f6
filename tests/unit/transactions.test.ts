import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { transactWrite } from '../../shared/store/conditions';

/** DynamoDB Local runs transactions one at a time, so the cancellation real DynamoDB gives two concurrent ones is injected. */
function dbFailing(times: number, code: string) {
  let calls = 0;
  const db = {
    send: async () => {
      calls += 1;
      if (calls <= times) {
        throw new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: code }],
        });
      }
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, calls: () => calls };
}

describe('a transaction DynamoDB cancels because another one touched the same item at that moment', () => {
  it('is sent again, so the client never sees it', async () => {
    const { db, calls } = dbFailing(2, 'TransactionConflict');
    await transactWrite(db, { TransactItems: [] });
    expect(calls()).toBe(3);
  });

  it('gives up after a few attempts and lets the error through', async () => {
    const { db, calls } = dbFailing(10, 'TransactionConflict');
    await expect(transactWrite(db, { TransactItems: [] })).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls()).toBe(4);
  });

  it('is not confused with a failed condition, which is the caller to judge', async () => {
    const { db, calls } = dbFailing(1, 'ConditionalCheckFailed');
    await expect(transactWrite(db, { TransactItems: [] })).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls()).toBe(1);
  });
});
