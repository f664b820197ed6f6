import type { Cycle, CycleSummary } from '../../domain/cycles';
import type { AuditEntry, CycleStore } from '../ports';
import { appendAudit } from './audit';
import { byKey, copy, type MemoryData } from './data';

export function memoryCycleStore(data: MemoryData): CycleStore {
  /** Writes the cycle, its mandate ids and its audit entry; the caller checked that it does not exist. */
  const write = (cycle: Cycle, audit: AuditEntry) => {
    const { mandateIds, ...summary } = copy(cycle);
    data.cycles.set(cycle.id, { summary, mandateIds, dueAt: cycle.status === 'scheduled' ? cycle.opensAt : undefined });
    appendAudit(data, audit);
  };
  const summaryOf = (id: string) => {
    const row = data.cycles.get(id);
    return row && copy(row.summary);
  };

  const store: CycleStore = {
    async createCycle(cycle, audit, idempotency) {
      const taken = idempotency && data.idempotency.get(idempotency.key);
      if (taken) {
        if (taken.requestHash !== idempotency.requestHash) return { conflict: 'different_request' };
        const first = await store.getCycle(taken.cycleId);
        if (!first) throw new Error(`idempotency key points to missing cycle ${taken.cycleId}`);
        return { cycle: first, created: false };
      }
      if (data.cycles.has(cycle.id)) throw new Error(`cycle ${cycle.id} exists already`);
      if (idempotency) data.idempotency.set(idempotency.key, { cycleId: cycle.id, requestHash: idempotency.requestHash });
      write(cycle, audit);
      return { cycle: copy(cycle), created: true };
    },

    async putCycleIfAbsent(cycle, audit) {
      if (data.cycles.has(cycle.id)) return false;
      write(cycle, audit);
      return true;
    },

    async getCycleSummary(id) {
      return summaryOf(id);
    },

    async getCycle(id) {
      const row = data.cycles.get(id);
      return row && { ...copy(row.summary), mandateIds: [...row.mandateIds] };
    },

    async listCycles() {
      const order = (c: CycleSummary) => `${c.createdAt}#${c.id}`;
      return [...data.cycles.values()]
        .map((row) => row.summary)
        .sort((a, b) => byKey(order(b), order(a)))
        .map(copy);
    },

    async *dueCycleIds(now) {
      const due = [...data.cycles.values()]
        .filter((row) => row.dueAt !== undefined && byKey(row.dueAt, now) <= 0)
        .sort((a, b) => byKey(a.dueAt!, b.dueAt!) || byKey(a.summary.id, b.summary.id))
        .map((row) => row.summary.id);
      yield* due;
    },

    async claimOpening(id, now, staleBefore) {
      const row = data.cycles.get(id);
      if (!row) return undefined;
      const { status, openingSince } = row.summary;
      const stale = status === 'opening' && openingSince !== undefined && byKey(openingSince, staleBefore) < 0;
      if (status !== 'scheduled' && !stale) return undefined;
      row.summary = { ...row.summary, status: 'opening', openingSince: now };
      return summaryOf(id);
    },

    async markCycleOpen(id, audit) {
      const row = data.cycles.get(id);
      if (row?.summary.status !== 'opening') return false;
      const { openingSince: _claim, ...rest } = row.summary;
      row.summary = { ...rest, status: 'open' };
      row.dueAt = undefined;
      appendAudit(data, audit);
      return true;
    },

    async markCycleClosed(id) {
      const row = data.cycles.get(id);
      if (row?.summary.status !== 'open') return false;
      row.summary = { ...row.summary, status: 'closed' };
      return true;
    },
  };
  return store;
}
