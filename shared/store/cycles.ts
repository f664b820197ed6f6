import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Assignment, Cycle } from '../domain/cycles';
import { putAll, queryAll, queryPartition } from './batch';
import { DUE, GSI1, keys } from './table';

export interface AuditEntry {
  cycleId: string;
  at: string;
  actor: string;
  action: string;
  stateCode?: string;
  details?: Record<string, unknown>;
}

export interface TokenRecord {
  tokenHash: string;
  cycleId: string;
  stateCode: string;
  linkEpoch: number;
  createdAt: string;
}

export interface OutboxClaim {
  cycleId: string;
  stateCode: string;
  slot: string;
  kind: string;
  to: string;
  claimedAt: string;
}

export interface SnapshotRecord {
  cycleId: string;
  title: string;
  kind: 'weekly' | 'final';
  generatedAt: string;
  files: Record<string, string>;
  builtFrom: Record<string, unknown>;
}

export type OutboxRecord = OutboxClaim & { status: 'sending' | 'sent' | 'failed'; messageId?: string; sentAt?: string };

/** Another writer changed the item since it was read. */
export class VersionConflict extends Error {
  override name = 'VersionConflict';
}

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const MANDATE_CHUNK = 1000;
const STORE_KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'duePk', 'dueAt', 'type'];

function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of STORE_KEYS) delete copy[key];
  return copy as T;
}

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

/** The item an assignment is stored as (exported for the bench, which writes the same items raw). */
export function assignmentItem(a: Assignment, createdAt: string) {
  return {
    ...keys.assignment(a.cycleId, a.stateCode),
    type: 'assignment',
    gsi1pk: keys.stateAssignments(a.stateCode),
    gsi1sk: `${createdAt}#${a.cycleId}`,
    ...(a.nextReminderAt ? { duePk: keys.dueReminder, dueAt: a.nextReminderAt } : {}),
    createdAt,
    ...a,
  };
}

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof TransactionCanceledException &&
      (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'))
  );
}

export function dynamoCycleStore(db: DynamoDBDocumentClient, tableName: string) {
  const dueItems = (duePk: string, now: string) =>
    queryAll(db, {
      TableName: tableName,
      IndexName: DUE.name,
      KeyConditionExpression: '#pk = :pk AND #at <= :now',
      ExpressionAttributeNames: { '#pk': DUE.partitionKey, '#at': DUE.sortKey },
      ExpressionAttributeValues: { ':pk': duePk, ':now': now },
    });

  const store = {
    /**
     * Writes a new cycle, its mandate list and its first audit entry in one transaction. With an
     * idempotency key, a second request with the same key gets the first cycle back.
     */
    async createCycle(
      cycle: Cycle,
      audit: AuditEntry,
      idempotency?: { key: string; requestHash: string },
    ): Promise<{ cycle: Cycle; created: boolean } | { conflict: 'different_request' }> {
      const chunks: string[][] = [];
      for (let i = 0; i < cycle.mandateIds.length; i += MANDATE_CHUNK) chunks.push(cycle.mandateIds.slice(i, i + MANDATE_CHUNK));
      const items: TransactItems = [
        { Put: { TableName: tableName, Item: cycleItem(cycle), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...chunks.map((ids, n) => ({ Put: { TableName: tableName, Item: { ...keys.cycleMandates(cycle.id, n), type: 'cycle-mandates', ids } } })),
        { Put: { TableName: tableName, Item: auditItem(audit) } },
      ];
      if (idempotency) {
        items.unshift({
          Put: {
            TableName: tableName,
            Item: { ...keys.idempotency(idempotency.key), type: 'idempotency', cycleId: cycle.id, requestHash: idempotency.requestHash, createdAt: cycle.createdAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return { cycle, created: true };
      } catch (error) {
        if (!idempotency || !isConditionFailure(error)) throw error;
        const existing = await db.send(new GetCommand({ TableName: tableName, Key: keys.idempotency(idempotency.key), ConsistentRead: true }));
        if (!existing.Item) throw error;
        if (existing.Item.requestHash !== idempotency.requestHash) return { conflict: 'different_request' };
        const first = await store.getCycle(existing.Item.cycleId as string);
        if (!first) throw new Error(`idempotency key points to missing cycle ${existing.Item.cycleId}`);
        return { cycle: first, created: false };
      }
    },

    /** Writes a cycle that must not exist yet (the next of a series); false when it does. */
    async putCycleIfAbsent(cycle: Cycle, audit: AuditEntry): Promise<boolean> {
      const result = await store.createCycle(cycle, audit).catch((error) => {
        if (isConditionFailure(error)) return undefined;
        throw error;
      });
      return Boolean(result);
    },

    async getCycle(id: string): Promise<Cycle | undefined> {
      const items = await collect(queryPk(`CYCLE#${id}`, { consistent: true, filterTypes: ['cycle', 'cycle-mandates'] }));
      return toCycle(items);
    },

    async getCycleWithAssignments(id: string): Promise<{ cycle: Cycle; assignments: Assignment[] } | undefined> {
      const items = await collect(queryPk(`CYCLE#${id}`, { consistent: true }));
      const cycle = toCycle(items);
      if (!cycle) return undefined;
      const assignments = items.filter((i) => i.type === 'assignment').map((i) => strip<Assignment>(i));
      return { cycle, assignments };
    },

    async listCycles(): Promise<Cycle[]> {
      const cycles: Cycle[] = [];
      for await (const item of queryPartition(db, tableName, GSI1, keys.cycleList)) cycles.push({ ...strip<Cycle>(item), mandateIds: [] });
      return cycles.reverse();
    },

    async *dueCycleIds(now: string): AsyncGenerator<string> {
      for await (const item of dueItems(keys.dueOpen, now)) yield item.id as string;
    },

    /**
     * scheduled → opening, for one run only: the run that gets it writes the assignments, and gets
     * the cycle back. A run that died while opening is taken over once its claim is older than `staleBefore`.
     */
    async claimOpening(id: string, now: string, staleBefore: string): Promise<Cycle | undefined> {
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
        return { ...strip<Cycle>(result.Attributes!), mandateIds: [] };
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    /** The assignments of a cycle being opened, in batches (nothing else writes them while it is `opening`). */
    async putAssignments(assignments: Assignment[], createdAt: string) {
      await putAll(db, tableName, assignments.map((a) => assignmentItem(a, createdAt)));
    },

    /** opening → open, once, with its audit entry: false when another run did it first. */
    async markCycleOpen(id: string, audit: AuditEntry): Promise<boolean> {
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

    async getAssignment(cycleId: string, stateCode: string): Promise<(Assignment & { createdAt: string }) | undefined> {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.assignment(cycleId, stateCode), ConsistentRead: true }));
      return result.Item ? strip<Assignment & { createdAt: string }>(result.Item) : undefined;
    },

    /** Saves an assignment read at `version`; throws VersionConflict when someone else saved first. */
    async saveAssignment(assignment: Assignment & { createdAt: string }, audit?: AuditEntry): Promise<Assignment & { createdAt: string }> {
      const next = { ...assignment, version: assignment.version + 1 };
      const put = {
        TableName: tableName,
        Item: assignmentItem(next, assignment.createdAt),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': assignment.version },
      };
      try {
        if (audit) {
          await db.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Put: { TableName: tableName, Item: auditItem(audit) } }] }));
        } else {
          await db.send(new PutCommand(put));
        }
      } catch (error) {
        if (isConditionFailure(error)) throw new VersionConflict(`assignment ${assignment.cycleId}/${assignment.stateCode} changed`);
        throw error;
      }
      return next;
    },

    async *dueAssignmentKeys(now: string): AsyncGenerator<{ cycleId: string; stateCode: string }> {
      for await (const item of dueItems(keys.dueReminder, now)) {
        yield { cycleId: item.cycleId as string, stateCode: item.stateCode as string };
      }
    },

    async assignmentsOfState(stateCode: string): Promise<Assignment[]> {
      const list: Assignment[] = [];
      for await (const item of queryPartition(db, tableName, GSI1, keys.stateAssignments(stateCode))) list.push(strip<Assignment>(item));
      return list;
    },

    /**
     * Claims one email before it is sent: the outbox item must not exist yet, and the assignment
     * must still be at the version the decision was made on. Writes the link token with it.
     */
    async claimEmail(claim: OutboxClaim, assignment: Pick<Assignment, 'cycleId' | 'stateCode' | 'version'>, token?: TokenRecord): Promise<'claimed' | 'taken' | 'stale'> {
      const items: TransactItems = [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.outbox(claim.cycleId, claim.stateCode, claim.slot, claim.to), type: 'outbox', status: 'sending', ...claim },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.assignment(assignment.cycleId, assignment.stateCode),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': assignment.version },
          },
        },
      ];
      if (token) items.push({ Put: { TableName: tableName, Item: { ...keys.token(token.tokenHash), type: 'token', ...token } } });
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'claimed';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [outbox, check] = error.CancellationReasons ?? [];
        if (outbox?.Code === 'ConditionalCheckFailed') return 'taken';
        if (check?.Code === 'ConditionalCheckFailed') return 'stale';
        throw error;
      }
    },

    async getOutbox(cycleId: string, stateCode: string, slot: string, to: string): Promise<OutboxRecord | undefined> {
      const result = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.outbox(cycleId, stateCode, slot, to), ConsistentRead: true }),
      );
      return result.Item ? strip<OutboxRecord>(result.Item) : undefined;
    },

    async markEmail(claim: OutboxClaim, status: 'sent' | 'failed', fields: { messageId?: string; at: string }) {
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

    /** Gives a claim back after SES refused the email, so a later attempt may send it. */
    async releaseEmail(claim: OutboxClaim, tokenHash?: string) {
      const items: TransactItems = [
        { Delete: { TableName: tableName, Key: keys.outbox(claim.cycleId, claim.stateCode, claim.slot, claim.to) } },
      ];
      if (tokenHash) items.push({ Delete: { TableName: tableName, Key: keys.token(tokenHash) } });
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    },

    async outboxOf(cycleId: string, stateCode: string): Promise<OutboxRecord[]> {
      return (await collect(queryPk(`OUTBOX#${cycleId}#${stateCode}`, { consistent: true }))).map((i) => strip<OutboxRecord>(i));
    },

    async getToken(tokenHash: string): Promise<TokenRecord | undefined> {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.token(tokenHash) }));
      return result.Item ? strip<TokenRecord>(result.Item) : undefined;
    },

    async appendAudit(entry: AuditEntry) {
      await db.send(new PutCommand({ TableName: tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' }));
    },

    async listAudit(cycleId: string): Promise<AuditEntry[]> {
      return (await collect(queryPk(keys.audit(cycleId), { consistent: true }))).map((i) => strip<AuditEntry>(i));
    },

    /** open → closed, once. */
    async markCycleClosed(id: string): Promise<boolean> {
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

    async putSnapshot(snapshot: SnapshotRecord) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.snapshot(snapshot.cycleId, snapshot.generatedAt),
            type: 'snapshot',
            gsi1pk: keys.snapshotList,
            gsi1sk: `${snapshot.generatedAt}#${snapshot.cycleId}`,
            ...snapshot,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async listSnapshots(cycleId?: string): Promise<SnapshotRecord[]> {
      const items = cycleId
        ? await collect(queryPk(`SNAPSHOT#${cycleId}`, { consistent: true }))
        : await collect(queryPartition(db, tableName, GSI1, keys.snapshotList));
      return items.map((i) => strip<SnapshotRecord>(i)).sort((a, b) => b.generatedAt.localeCompare(a.generatedAt));
    },

    async deleteItem(key: { pk: string; sk: string }) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: key }));
    },
  };

  async function* queryPk(pk: string, options: { consistent?: boolean; filterTypes?: string[] } = {}) {
    const items = queryAll(db, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: options.consistent });
    for await (const item of items) {
      if (!options.filterTypes || options.filterTypes.includes(item.type as string)) yield item;
    }
  }

  return store;
}

export type CycleStore = ReturnType<typeof dynamoCycleStore>;

let auditSequence = 0;

/** Sorted by the time of the event, then by when it was recorded, so entries of one instant keep their order. */
function auditItem(entry: AuditEntry) {
  auditSequence = (auditSequence + 1) % 1e6;
  const recorded = `${Date.now().toString(36).padStart(9, '0')}${String(auditSequence).padStart(6, '0')}`;
  return { pk: keys.audit(entry.cycleId), sk: `${entry.at}#${recorded}#${randomUUID().slice(0, 8)}`, type: 'audit', ...entry };
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of source) list.push(item);
  return list;
}

function toCycle(items: Record<string, unknown>[]): Cycle | undefined {
  const head = items.find((i) => i.type === 'cycle');
  if (!head) return undefined;
  const mandateIds = items
    .filter((i) => i.type === 'cycle-mandates')
    .sort((a, b) => String(a.sk).localeCompare(String(b.sk)))
    .flatMap((i) => i.ids as string[]);
  return { ...strip<Cycle>(head), mandateIds };
}
