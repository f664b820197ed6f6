import type { AuditEntry, AuditStore } from '../ports';
import { byKey, copy, type MemoryData } from './data';

/** Sorted by the time of the event, then by when it was recorded, so entries of one instant keep their order. */
export function appendAudit(data: MemoryData, entry: AuditEntry): void {
  data.auditSequence += 1;
  const sk = `${entry.at}#${String(data.auditSequence).padStart(12, '0')}`;
  const trail = data.audit.get(entry.cycleId) ?? [];
  trail.push({ sk, entry: copy(entry) });
  trail.sort((a, b) => byKey(a.sk, b.sk));
  data.audit.set(entry.cycleId, trail);
}

/** A cursor names the last entry of a page, and the cycle it belongs to. */
const encodeCursor = (cycleId: string, sk: string) => Buffer.from(JSON.stringify({ cycleId, sk })).toString('base64url');

function decodeCursor(cursor: string, cycleId: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { cycleId?: unknown; sk?: unknown };
    const sk = parsed?.sk;
    const valid = typeof sk === 'string' && sk.length > 0 && Buffer.byteLength(sk) <= 1024;
    return parsed && parsed.cycleId === cycleId && valid ? (sk as string) : undefined;
  } catch {
    return undefined;
  }
}

export function memoryAuditStore(data: MemoryData): AuditStore {
  return {
    async appendAudit(entry) {
      appendAudit(data, entry);
    },
    async listAudit(cycleId, { limit, cursor }) {
      if (!(limit >= 1)) throw new Error(`limit must be at least 1, not ${limit}`);
      const after = cursor === undefined ? undefined : decodeCursor(cursor, cycleId);
      if (cursor !== undefined && after === undefined) return 'bad_cursor';
      const newestFirst = [...(data.audit.get(cycleId) ?? [])].reverse();
      const rest = after === undefined ? newestFirst : newestFirst.filter((e) => byKey(e.sk, after) < 0);
      const page = rest.slice(0, limit);
      // Like a DynamoDB Query with a Limit: a full page always has a cursor, even when nothing follows it.
      const last = page.length === limit ? page.at(-1) : undefined;
      return { entries: page.map((e) => copy(e.entry)), cursor: last && encodeCursor(cycleId, last.sk) };
    },
  };
}
