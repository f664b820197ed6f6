import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { dynamoAnswerStore } from './answers';
import { dynamoAssignmentStore } from './assignments';
import { dynamoAuditStore } from './audit';
import { documentClient } from './client';
import { dynamoCycleStore } from './cycles';
import { dynamoExportStore } from './exports';
import { dynamoMandateStore } from './mandates';
import { dynamoOutboxStore } from './outbox';
import type { Stores } from './ports';
import { dynamoRateLimitStore } from './rate-limits';
import { dynamoSessionStore } from './sessions';
import { dynamoSnapshotStore } from './snapshots';
import { dynamoStateStore } from './states';
import { dynamoTeamStore } from './team';

export type { Stores } from './ports';

export function storesOn(db: DynamoDBDocumentClient, tableName: string): Stores {
  return {
    team: dynamoTeamStore(db, tableName),
    mandates: dynamoMandateStore(db, tableName),
    states: dynamoStateStore(db, tableName),
    cycles: dynamoCycleStore(db, tableName),
    assignments: dynamoAssignmentStore(db, tableName),
    answers: dynamoAnswerStore(db, tableName),
    outbox: dynamoOutboxStore(db, tableName),
    audit: dynamoAuditStore(db, tableName),
    sessions: dynamoSessionStore(db, tableName),
    limits: dynamoRateLimitStore(db, tableName),
    snapshots: dynamoSnapshotStore(db, tableName),
    exports: dynamoExportStore(db, tableName),
  };
}

let built: Stores | undefined;

/** The stores of this process, on the configured table. */
export function stores(): Stores {
  built ??= storesOn(documentClient(), config().tableName);
  return built;
}
