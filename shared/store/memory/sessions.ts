import type { SessionStore } from '../ports';
import { copy, type MemoryData } from './data';

/** Like the DynamoDB items, sessions are not removed at their expiry: the use cases check `expiresAt`. */
export function memorySessionStore(data: MemoryData): SessionStore {
  return {
    async putSession(session) {
      data.sessions.set(session.sessionHash, copy(session));
    },
    async getSession(sessionHash) {
      const session = data.sessions.get(sessionHash);
      return session && copy(session);
    },
    async putConsoleSession(sessionHash, session) {
      data.consoleSessions.set(sessionHash, copy(session));
    },
    async getConsoleSession(sessionHash) {
      const session = data.consoleSessions.get(sessionHash);
      return session && copy(session);
    },
    async deleteConsoleSession(sessionHash) {
      data.consoleSessions.delete(sessionHash);
    },
  };
}
