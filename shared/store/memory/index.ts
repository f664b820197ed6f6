/**
 * The stores in memory, for use-case tests that run in milliseconds: the same interfaces and the
 * same conditional semantics as the DynamoDB stores (the shared use-case suite runs on both), one
 * map per kind of record, every record copied on the way in and out.
 */
import type { Stores } from '../ports';
import { memoryAnswerStore } from './answers';
import { memoryAssignmentStore } from './assignments';
import { memoryAuditStore } from './audit';
import { memoryCycleStore } from './cycles';
import { emptyData } from './data';
import { memoryExportStore } from './exports';
import { memoryMandateStore } from './mandates';
import { memoryOutboxStore } from './outbox';
import { memoryRateLimitStore } from './rate-limits';
import { memorySessionStore } from './sessions';
import { memorySnapshotStore } from './snapshots';
import { memoryStateStore } from './states';
import { memoryTeamStore } from './team';

export function memoryStores(): Stores {
  const data = emptyData();
  return {
    team: memoryTeamStore(data),
    mandates: memoryMandateStore(data),
    states: memoryStateStore(data),
    cycles: memoryCycleStore(data),
    assignments: memoryAssignmentStore(data),
    answers: memoryAnswerStore(data),
    outbox: memoryOutboxStore(data),
    audit: memoryAuditStore(data),
    sessions: memorySessionStore(data),
    limits: memoryRateLimitStore(data),
    snapshots: memorySnapshotStore(data),
    exports: memoryExportStore(),
  };
}
