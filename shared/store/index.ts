import { config } from '../config';
import { documentClient } from './client';
import { dynamoMandateStore, type MandateStore } from './mandates';
import { dynamoStateStore, type StateStore } from './states';

export interface Stores {
  mandates: MandateStore;
  states: StateStore;
}

let built: Stores | undefined;

/** The stores of this process, on the configured table. */
export function stores(): Stores {
  if (!built) {
    const db = documentClient();
    const { tableName } = config();
    built = { mandates: dynamoMandateStore(db, tableName), states: dynamoStateStore(db, tableName) };
  }
  return built;
}
