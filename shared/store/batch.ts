import type { BatchOptions } from './ports';
import { DUE } from './table';
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export const BATCH_SIZE = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Puts items in batches of at most 25, retrying what DynamoDB leaves unprocessed with
 * exponential backoff. Throws when a batch still has unprocessed items after maxAttempts.
 */
export async function putAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
  options: BatchOptions = {},
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE) batches.push(items.slice(start, start + BATCH_SIZE));
  let written = 0;
  const writeBatch = async (batch: Record<string, unknown>[]) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests.length > 0; attempt += 1) {
      if (attempt > maxAttempts) {
        throw new Error(`${requests.length} items still unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2) * (0.5 + Math.random() / 2));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
    written += batch.length;
    options.onProgress?.(written, items.length);
  };
  // A few batches at a time: DynamoDB spreads them over partitions; unprocessed items are retried per batch.
  let next = 0;
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 4, batches.length) }, async () => {
    while (next < batches.length) await writeBatch(batches[next++]!);
  });
  await Promise.all(lanes);
}

/** Every item a Query finds, page by page. */
export async function* queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** The items of one partition of the sparse `due` index whose time has come (a Query, never a Scan). */
export function queryDue(
  db: DynamoDBDocumentClient,
  tableName: string,
  duePk: string,
  now: string,
): AsyncGenerator<Record<string, unknown>> {
  return queryAll(db, {
    TableName: tableName,
    IndexName: DUE.name,
    KeyConditionExpression: '#pk = :pk AND #at <= :now',
    ExpressionAttributeNames: { '#pk': DUE.partitionKey, '#at': DUE.sortKey },
    ExpressionAttributeValues: { ':pk': duePk, ':now': now },
  });
}

/** Every item of one index partition. */
export function queryPartition(
  db: DynamoDBDocumentClient,
  tableName: string,
  index: { name: string; partitionKey: string },
  value: string,
): AsyncGenerator<Record<string, unknown>> {
  return queryAll(db, {
    TableName: tableName,
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': value },
  });
}

export type { BatchOptions };
