import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromItem } from './item';
import type { StateStore, StoredState } from './ports';
import { putAll, queryPartition } from './batch';
import { GSI1, keys } from './table';

function toItem(state: StoredState) {
  return { ...keys.state(state.code), type: 'state', gsi1pk: keys.stateList, gsi1sk: state.code, ...state };
}

export function dynamoStateStore(db: DynamoDBDocumentClient, tableName: string): StateStore {
  const gsi1 = GSI1;
  return {
    async listStates() {
      const states: StoredState[] = [];
      for await (const item of queryPartition(db, tableName, gsi1, keys.stateList)) states.push(fromItem<StoredState>(item));
      return states;
    },
    async getState(code) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.state(code) }));
      return result.Item ? fromItem<StoredState>(result.Item) : undefined;
    },
    async putState(state) {
      await db.send(new PutCommand({ TableName: tableName, Item: toItem(state) }));
    },
    async addStates(states, options) {
      await putAll(db, tableName, states.map(toItem), options);
    },
  };
}
