import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MemberState } from '../domain/states';
import { putAll, queryPartition, type BatchOptions } from './batch';
import { GSI1, keys } from './table';

export interface StoredState extends MemberState {
  updatedAt: string;
}

export interface StateStore {
  listStates(): Promise<StoredState[]>;
  getState(code: string): Promise<StoredState | undefined>;
  putState(state: StoredState): Promise<void>;
  addStates(states: StoredState[], options?: BatchOptions): Promise<void>;
}

function toItem(state: StoredState) {
  return { ...keys.state(state.code), type: 'state', gsi1pk: keys.stateList, gsi1sk: state.code, ...state };
}

function fromItem(item: Record<string, unknown>): StoredState {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, type: _t, ...state } = item;
  return state as unknown as StoredState;
}

export function dynamoStateStore(db: DynamoDBDocumentClient, tableName: string): StateStore {
  const gsi1 = GSI1;
  return {
    async listStates() {
      const states: StoredState[] = [];
      for await (const item of queryPartition(db, tableName, gsi1, keys.stateList)) states.push(fromItem(item));
      return states;
    },
    async getState(code) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.state(code) }));
      return result.Item ? fromItem(result.Item) : undefined;
    },
    async putState(state) {
      await db.send(new PutCommand({ TableName: tableName, Item: toItem(state) }));
    },
    async addStates(states, options) {
      await putAll(db, tableName, states.map(toItem), options);
    },
  };
}
