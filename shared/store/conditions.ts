import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** A conditional write refused because the item was not as expected. */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'))
  );
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of source) list.push(item);
  return list;
}

/** A page cursor: the last key of a page, opaque to the client. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** The key a cursor names, or undefined when it is not one of ours for this partition. */
export function decodeCursor(cursor: string, pk: string): Record<string, unknown> | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // A sort key is 1 to 1,024 bytes: anything else is not a cursor we gave, and DynamoDB would refuse it.
    const sk = key?.sk;
    const valid = typeof sk === 'string' && sk.length > 0 && Buffer.byteLength(sk) <= 1024;
    return key && key.pk === pk && valid && Object.keys(key).length === 2 ? key : undefined;
  } catch {
    return undefined;
  }
}

/** DynamoDB cancelled a transaction because another one was writing the same item at that moment. */
function isTransactionConflict(error: unknown): boolean {
  return error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
}

/**
 * Sends a transaction, again after a short random pause when DynamoDB cancelled it only because another
 * transaction touched the same item at the same moment (several ministries saving at once): that is not
 * the client's conflict, and must not reach them as an error.
 */
export async function transactWrite(db: DynamoDBDocumentClient, input: TransactWriteCommandInput, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
    }
  }
}
