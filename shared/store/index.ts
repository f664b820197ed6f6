import { config } from '../config';
import { documentClient } from './client';
import { dynamoAnswerStore, type AnswerStore } from './answers';
import { dynamoCycleStore, type CycleStore } from './cycles';
import { dynamoMandateStore, type MandateStore } from './mandates';
import { dynamoStateStore, type StateStore } from './states';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Stores {
  mandates: MandateStore;
  states: StateStore;
  cycles: CycleStore;
  answers: AnswerStore;
}

export function storesOn(db: DynamoDBDocumentClient, tableName: string): Stores {
  return {
    mandates: dynamoMandateStore(db, tableName),
    states: dynamoStateStore(db, tableName),
    cycles: dynamoCycleStore(db, tableName),
    answers: dynamoAnswerStore(db, tableName),
  };
}

let built: Stores | undefined;

/** The stores of this process, on the configured table. */
export function stores(): Stores {
  built ??= storesOn(documentClient(), config().tableName);
  return built;
}
