import type { OutboxClaim, OutboxRecord, OutboxStore } from '../ports';
import { byKey, copy, key, type MemoryData } from './data';

const outboxKey = (c: OutboxClaim) => key(c.cycleId, c.stateCode, c.slot, c.to);
const placement = (c: OutboxClaim) => ({ cycleId: c.cycleId, stateCode: c.stateCode, sk: `${c.slot}#${c.to}` });

export function memoryOutboxStore(data: MemoryData): OutboxStore {
  return {
    async claimEmail(claim, assignment, token) {
      // One transaction: the outbox item must not exist, the assignment must be at the version the decision was made on.
      if (data.outbox.has(outboxKey(claim))) return 'taken';
      const row = data.assignments.get(key(assignment.cycleId, assignment.stateCode));
      if (!row || row.assignment.version !== assignment.version) return 'stale';
      data.outbox.set(outboxKey(claim), { ...placement(claim), record: copy({ status: 'sending', ...claim }) });
      row.assignment = {
        ...row.assignment,
        lastEmail: { slot: claim.slot, kind: claim.kind, at: claim.claimedAt, result: 'unknown', to: [] },
        version: assignment.version + 1,
      };
      if (token) data.tokens.set(token.tokenHash, copy(token));
      return 'claimed';
    },

    async markEmail(claim, status, fields) {
      // An unconditional update: like DynamoDB's, it makes the item when it is missing.
      const k = outboxKey(claim);
      const record = { ...data.outbox.get(k)?.record, status, messageId: fields.messageId ?? null, sentAt: fields.at } as OutboxRecord;
      data.outbox.set(k, { ...placement(claim), record });
    },

    async releaseEmail(claim, tokenHash) {
      data.outbox.delete(outboxKey(claim));
      if (tokenHash) data.tokens.delete(tokenHash);
    },

    async outboxOf(cycleId, stateCode) {
      return [...data.outbox.values()]
        .filter((item) => item.cycleId === cycleId && item.stateCode === stateCode)
        .sort((a, b) => byKey(a.sk, b.sk))
        .map((item) => copy(item.record));
    },

    async getToken(tokenHash) {
      const token = data.tokens.get(tokenHash);
      return token && copy(token);
    },
  };
}
