import type { CycleStore } from './ports';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Cycle, CycleSummary } from '../domain/cycles';
import { auditItem } from './audit';
import { queryAll, queryPartition, queryDue } from './batch';
import { isConditionFailure } from './conditions';
import { fromItem } from './item';
import { GSI1, keys } from './table';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const MANDATE_CHUNK = 1000;

function cycleItem(cycle: Cycle) {
  const { mandateIds: _ids, ...rest } = cycle;
  return {
    ...keys.cycle(cycle.id),
    type: 'cycle',
    gsi1pk: keys.cycleList,
    gsi1sk: `${cycle.createdAt}#${cycle.id}`,
    ...(cycle.status === 'scheduled' ? { duePk: keys.dueOpen, dueAt: cycle.opensAt } : {}),
    ...rest,
  };
}

export function dynamoCycleStore(db: DynamoDBDocumentClient, tableName: string): CycleStore {
  const store: CycleStore = {
    async createCycle(cycle, audit, idempotency) {
      const chunks: string[][] = [];
      for (let i = 0; i < cycle.mandateIds.length; i += MANDATE_CHUNK) chunks.push(cycle.mandateIds.slice(i, i + MANDATE_CHUNK));
      const items: TransactItems = [
        { Put: { TableName: tableName, Item: cycleItem(cycle), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...chunks.map((ids, n) => ({
          Put: { TableName: tableName, Item: { ...keys.cycleMandates(cycle.id, n), type: 'cycle-mandates', ids } },
        })),
        { Put: { TableName: tableName, Item: auditItem(audit) } },
      ];
      if (idempotency) {
        items.unshift({
          Put: {
            TableName: tableName,
            Item: {
              ...keys.idempotency(idempotency.key),
              type: 'idempotency',
              cycleId: cycle.id,
              requestHash: idempotency.requestHash,
              createdAt: cycle.createdAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return { cycle, created: true };
      } catch (error) {
        if (!idempotency || !isConditionFailure(error)) throw error;
        const existing = await db.send(
          new GetCommand({ TableName: tableName, Key: keys.idempotency(idempotency.key), ConsistentRead: true }),
        );
        if (!existing.Item) throw error;
        if (existing.Item.requestHash !== idempotency.requestHash) return { conflict: 'different_request' };
        const first = await store.getCycle(existing.Item.cycleId as string);
        if (!first) throw new Error(`idempotency key points to missing cycle ${existing.Item.cycleId}`, { cause: error });
        return { cycle: first, created: false };
      }
    },

    async putCycleIfAbsent(cycle, audit) {
      const result = await store.createCycle(cycle, audit).catch((error) => {
        if (isConditionFailure(error)) return undefined;
        throw error;
      });
      return Boolean(result);
    },

    async getCycleSummary(id) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.cycle(id), ConsistentRead: true }));
      return result.Item ? fromItem<CycleSummary>(result.Item) : undefined;
    },

    async getCycle(id) {
      const summary = await store.getCycleSummary(id);
      if (!summary) return undefined;
      const { pk, sk } = keys.cycleMandates(id, 0);
      const chunks = queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': sk.replace(/\d+$/, '') },
        ConsistentRead: true,
      });
      const mandateIds: string[] = [];
      for await (const chunk of chunks) mandateIds.push(...(chunk.ids as string[]));
      return { ...summary, mandateIds };
    },

    async listCycles() {
      const cycles: CycleSummary[] = [];
      for await (const item of queryPartition(db, tableName, GSI1, keys.cycleList)) cycles.push(fromItem<CycleSummary>(item));
      return cycles.reverse();
    },

    async *dueCycleIds(now) {
      const items = queryDue(db, tableName, keys.dueOpen, now);
      for await (const item of items) yield item.id as string;
    },

    async claimOpening(id, now, staleBefore) {
      try {
        const result = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.cycle(id),
            UpdateExpression: 'SET #status = :opening, openingSince = :now',
            ConditionExpression: '#status = :scheduled OR (#status = :opening AND openingSince < :stale)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':opening': 'opening', ':scheduled': 'scheduled', ':now': now, ':stale': staleBefore },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem<CycleSummary>(result.Attributes!);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async markCycleOpen(id, audit) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.cycle(id),
                  UpdateExpression: 'SET #status = :open REMOVE duePk, dueAt, openingSince',
                  ConditionExpression: '#status = :opening',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':open': 'open', ':opening': 'opening' },
                },
              },
              { Put: { TableName: tableName, Item: auditItem(audit) } },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async markCycleClosed(id) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.cycle(id),
            UpdateExpression: 'SET #status = :closed',
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open' },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
  return store;
}
