import type { SessionRecord, ConsoleSessionRecord, SessionStore } from './ports';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromItem } from './item';
import { keys } from './table';

export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** State sessions (made from a link) and console sessions: by the hash of their id only, expiring through ttl. */
export function dynamoSessionStore(db: DynamoDBDocumentClient, tableName: string): SessionStore {
  return {
    async putSession(session) {
      const Item = { ...keys.session(session.sessionHash), type: 'session', ttl: epochSeconds(session.expiresAt), ...session };
      await db.send(new PutCommand({ TableName: tableName, Item }));
    },
    async getSession(sessionHash) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.session(sessionHash) }));
      return result.Item ? fromItem<SessionRecord>(result.Item) : undefined;
    },
    async putConsoleSession(sessionHash, session) {
      const Item = { ...keys.consoleSession(sessionHash), type: 'console-session', ttl: epochSeconds(session.expiresAt), ...session };
      await db.send(new PutCommand({ TableName: tableName, Item }));
    },
    async getConsoleSession(sessionHash) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.consoleSession(sessionHash) }));
      return result.Item ? fromItem<ConsoleSessionRecord>(result.Item) : undefined;
    },
    async deleteConsoleSession(sessionHash) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: keys.consoleSession(sessionHash) }));
    },
  };
}
