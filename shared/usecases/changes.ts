import { STATUSES, type ImplementationStatus } from '../domain/answers';
import { CHANGES, changeOf, type Change } from '../domain/changes';
import { notFound } from '../domain/errors';
import type { Stores } from '../store/ports';
import { earlierCycles, HISTORY_CYCLES } from './history';

export interface ChangeRow {
  stateCode: string;
  mandateId: string;
  previous: ImplementationStatus | null;
  current: ImplementationStatus | null;
  change: Change;
  /** For an answer carried from an earlier cycle: saved unchanged (confirmed) or changed (updated). */
  carried?: 'confirmed' | 'updated';
}

export interface ProgressPoint {
  cycleId: string;
  title: string;
  /** Answers of the states of this cycle to the mandates of this cycle, by status (none: no status). */
  counts: Record<ImplementationStatus | 'none', number>;
}

/**
 * For one cycle: each state's change since its previous cycle, mandate by mandate, with the counts;
 * and the progress over the cycles (this one and up to five before), counted over this cycle's
 * states and mandates. Statuses only are read (never the narratives).
 */
export async function changesSincePrevious(stores: Stores, cycleId: string) {
  const cycle = await stores.cycles.getCycle(cycleId);
  if (!cycle) throw notFound(`No cycle ${cycleId}`);
  const mandates = new Set(cycle.mandateIds);
  const rows: ChangeRow[] = [];
  const byCycle = new Map<string, { title: string; counts: ProgressPoint['counts'] }>();
  const empty = () => Object.fromEntries([...STATUSES, 'none'].map((s) => [s, 0])) as ProgressPoint['counts'];
  byCycle.set(cycle.id, { title: cycle.title, counts: empty() });
  for (const stateCode of cycle.stateCodes) {
    const earlier = await earlierCycles(stores, cycleId, stateCode);
    const [current, ...before] = await Promise.all([
      stores.answers.listAnswerMarks(cycleId, stateCode),
      ...earlier.map((c) => stores.answers.listAnswerMarks(c.cycleId, stateCode)),
    ]);
    const statusIn = (marks: typeof current) => new Map(marks!.map((m) => [m.mandateId, m.status]));
    const now = statusIn(current);
    const previous = before[0] ? statusIn(before[0]) : new Map<string, ImplementationStatus | null>();
    const carried = new Map(current!.flatMap((m) => (m.carried ? [[m.mandateId, m.carried.outcome] as const] : [])));
    for (const mandateId of cycle.mandateIds) {
      const row: ChangeRow = {
        stateCode,
        mandateId,
        previous: previous.get(mandateId) ?? null,
        current: now.get(mandateId) ?? null,
        change: changeOf(previous.get(mandateId), now.get(mandateId)),
      };
      const outcome = carried.get(mandateId);
      if (outcome) row.carried = outcome;
      rows.push(row);
      const counts = byCycle.get(cycle.id)!.counts;
      counts[row.current ?? 'none'] += 1;
    }
    earlier.forEach((c, i) => {
      if (!byCycle.has(c.cycleId)) byCycle.set(c.cycleId, { title: c.title, counts: empty() });
      for (const mark of before[i]!) if (mandates.has(mark.mandateId)) byCycle.get(c.cycleId)!.counts[mark.status ?? 'none'] += 1;
    });
  }
  const summary = Object.fromEntries(CHANGES.map((c) => [c, rows.filter((r) => r.change === c).length])) as Record<Change, number>;
  const carriedCounts = {
    confirmed: rows.filter((r) => r.carried === 'confirmed').length,
    updated: rows.filter((r) => r.carried === 'updated').length,
  };
  const summaries = await Promise.all([...byCycle.keys()].map((id) => stores.cycles.getCycleSummary(id)));
  const progress: ProgressPoint[] = [...byCycle]
    .map(([id, point], i) => ({ cycleId: id, title: point.title, counts: point.counts, createdAt: summaries[i]?.createdAt ?? '' }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(-(HISTORY_CYCLES + 1))
    .map(({ createdAt: _createdAt, ...point }) => point);
  return { cycleId, summary, carried: carriedCounts, rows, progress };
}
