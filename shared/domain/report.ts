import { STATUSES, type ImplementationStatus } from './answers';
import { hasReported, type Assignment, type Cycle } from './cycles';
import type { Mandate } from './mandates';
import { daysLate } from './assignment';
import { emptyChangeCounts, type ChangeCounts } from './changes';

export type StatusKey = ImplementationStatus | 'no_answer';
export const STATUS_KEYS: StatusKey[] = [...STATUSES, 'no_answer'];
export type Counts = Record<StatusKey, number>;

export const emptyCounts = (): Counts => ({
  fully_implemented: 0,
  partially_implemented: 0,
  in_progress: 0,
  not_started: 0,
  not_applicable: 0,
  no_answer: 0,
});

function addCounts(into: Counts, from: Counts) {
  for (const key of STATUS_KEYS) into[key] += from[key];
}

export type MandateMeta = Pick<
  Mandate,
  'id' | 'label' | 'text' | 'document' | 'summitId' | 'summit' | 'year' | 'themes' | 'texts' | 'language'
>;

export interface StateRow {
  code: string;
  name: string;
  status: Assignment['status'] | 'late';
  submitted: boolean;
  submittedAt: string | null;
  onTime: boolean | null;
  daysLate: number;
  deadline: string;
  answered: number;
  total: number;
  counts: Counts;
  remindersSent: number;
  extensions: number;
}

/** A chain of linked mandates (one reaffirms or continues another), oldest first; `inCycle` marks those this cycle asks about. */
export interface LineageChain {
  mandates: { id: string; label: string; document: string; year: number; inCycle: boolean }[];
}

export interface CycleReport {
  schema: 'mandates-followup/cycle-report@1';
  cycle: { id: string; title: string; opensAt: string; deadline: string; status: string };
  generatedAt: string;
  /** Which answers the status spreads count: only those of submitted reports, or every saved answer. */
  scope: 'submitted' | 'all';
  response: {
    invited: number;
    submitted: number;
    onTime: number;
    late: number;
    notSubmitted: number;
    extensionsGranted: number;
    responseRate: number;
    onTimeRate: number;
  };
  totals: { cells: number; counts: Counts };
  byMandate: (MandateMeta & { counts: Counts })[];
  byState: StateRow[];
  bySummit: { summitId: string; name: string; city: string; year: number; mandates: number; counts: Counts }[];
  byDocument: { document: string; year: number; mandates: number; counts: Counts }[];
  /** A mandate on several theme pages appears under each of its themes (and once in the totals). */
  byTheme: { theme: string; mandates: number; counts: Counts }[];
  /**
   * How the counted states' answers moved since each state's previous cycle (a state with none counts its answers
   * as new), and how many answers carried from an earlier cycle were confirmed unchanged or updated.
   */
  changes: { counts: ChangeCounts; carried: { confirmed: number; updated: number } };
  /** The answers rolled up along each chain of linked mandates that this cycle asks about. */
  byLineage: (LineageChain & { counts: Counts })[];
}

export interface AnswerFact {
  stateCode: string;
  mandateId: string;
  status: ImplementationStatus | null;
}

/**
 * Aggregates a cycle's answers as they stream by: memory holds the counts per mandate and per
 * state, never the answers. Each (state, mandate) is one cell; a cell without a counted status is
 * "no answer", kept apart from "not applicable".
 */
export class CycleAggregator {
  private readonly mandateCounts = new Map<string, Counts>();
  private readonly stateCounts = new Map<string, Counts>();
  private readonly counted = new Map<string, boolean>();
  private readonly changes = emptyChangeCounts();
  private readonly carried = { confirmed: 0, updated: 0 };

  constructor(
    private readonly input: {
      cycle: Cycle;
      mandates: MandateMeta[];
      stateNames: Map<string, string>;
      assignments: Assignment[];
      now: string;
      scope?: 'submitted' | 'all';
      chains?: LineageChain[];
    },
  ) {
    for (const m of input.mandates) this.mandateCounts.set(m.id, emptyCounts());
    for (const a of input.assignments) {
      this.stateCounts.set(a.stateCode, emptyCounts());
      this.counted.set(a.stateCode, (input.scope ?? 'submitted') === 'all' || hasReported(a.status));
    }
  }

  add(answer: AnswerFact): void {
    if (!answer.status || !this.counted.get(answer.stateCode)) return;
    const byMandate = this.mandateCounts.get(answer.mandateId);
    const byState = this.stateCounts.get(answer.stateCode);
    if (!byMandate || !byState) return;
    byMandate[answer.status] += 1;
    byState[answer.status] += 1;
  }

  /** One state's changes since its previous cycle, and its carried answers' outcomes (counted like its answers). */
  addChanges(stateCode: string, changes: ChangeCounts, carried: { confirmed: number; updated: number }): void {
    if (!this.counted.get(stateCode)) return;
    for (const key of Object.keys(changes) as (keyof ChangeCounts)[]) this.changes[key] += changes[key];
    this.carried.confirmed += carried.confirmed;
    this.carried.updated += carried.updated;
  }

  result(): CycleReport {
    const { cycle, mandates, assignments, now } = this.input;
    const stateTotal = assignments.length;
    const mandateTotal = mandates.length;
    const withNoAnswer = (counts: Counts, cells: number): Counts => {
      const answered = STATUSES.reduce((sum, s) => sum + counts[s], 0);
      return { ...counts, no_answer: cells - answered };
    };

    const byMandate = mandates.map((m) => ({ ...m, counts: withNoAnswer(this.mandateCounts.get(m.id)!, stateTotal) }));
    const countsOf = new Map(byMandate.map((m) => [m.id, m.counts]));
    const byState: StateRow[] = assignments
      .map((a) => {
        const counts = withNoAnswer(this.stateCounts.get(a.stateCode)!, mandateTotal);
        const submitted = hasReported(a.status);
        return {
          code: a.stateCode,
          name: this.input.stateNames.get(a.stateCode) ?? a.stateCode,
          status: !submitted && now > a.deadline ? ('late' as const) : a.status,
          submitted,
          submittedAt: a.submittedAt ?? null,
          onTime: submitted ? a.submittedAt! <= a.deadline : null,
          daysLate: daysLate(a.deadline, submitted ? a.submittedAt! : now),
          deadline: a.deadline,
          answered: a.answeredCount,
          total: a.mandateCount,
          counts,
          remindersSent: a.remindersSent,
          extensions: a.extensions.length,
        };
      })
      .sort((x, y) => x.name.localeCompare(y.name));

    const bySummit = new Map<string, CycleReport['bySummit'][number]>();
    const byDocument = new Map<string, CycleReport['byDocument'][number]>();
    const byTheme = new Map<string, CycleReport['byTheme'][number]>();
    const totals = emptyCounts();
    for (const m of byMandate) {
      for (const theme of m.themes?.length ? m.themes : ['']) {
        const entry = byTheme.get(theme) ?? { theme, mandates: 0, counts: emptyCounts() };
        entry.mandates += 1;
        addCounts(entry.counts, m.counts);
        byTheme.set(theme, entry);
      }
      const summit = bySummit.get(m.summitId) ?? { summitId: m.summitId, ...m.summit, mandates: 0, counts: emptyCounts() };
      summit.mandates += 1;
      addCounts(summit.counts, m.counts);
      bySummit.set(m.summitId, summit);
      const docKey = `${m.year}|${m.document}`;
      const doc = byDocument.get(docKey) ?? { document: m.document, year: m.year, mandates: 0, counts: emptyCounts() };
      doc.mandates += 1;
      addCounts(doc.counts, m.counts);
      byDocument.set(docKey, doc);
      addCounts(totals, m.counts);
    }

    const submitted = byState.filter((s) => s.submitted);
    const onTime = submitted.filter((s) => s.onTime).length;
    const ratio = (n: number) => (stateTotal === 0 ? 0 : Math.round((n / stateTotal) * 1000) / 1000);
    return {
      schema: 'mandates-followup/cycle-report@1',
      cycle: { id: cycle.id, title: cycle.title, opensAt: cycle.opensAt, deadline: cycle.deadline, status: cycle.status },
      generatedAt: now,
      scope: this.input.scope ?? 'submitted',
      response: {
        invited: stateTotal,
        submitted: submitted.length,
        onTime,
        late: submitted.length - onTime,
        notSubmitted: stateTotal - submitted.length,
        extensionsGranted: byState.filter((s) => s.extensions > 0).length,
        responseRate: ratio(submitted.length),
        onTimeRate: ratio(onTime),
      },
      totals: { cells: stateTotal * mandateTotal, counts: totals },
      byMandate,
      byState,
      bySummit: [...bySummit.values()].sort((a, b) => b.year - a.year),
      byDocument: [...byDocument.values()].sort((a, b) => b.year - a.year || a.document.localeCompare(b.document)),
      byTheme: [...byTheme.values()].sort((a, b) => a.theme.localeCompare(b.theme)),
      changes: { counts: { ...this.changes }, carried: { ...this.carried } },
      byLineage: (this.input.chains ?? []).map((chain) => {
        const counts = emptyCounts();
        for (const m of chain.mandates) {
          const asked = countsOf.get(m.id);
          if (m.inCycle && asked) addCounts(counts, asked);
        }
        return { ...chain, counts };
      }),
    };
  }
}

/** The share of answered cells that report full or partial implementation, 0 to 1 (null with no answer). */
export function implementedShare(counts: Counts): number | null {
  const answered = STATUSES.reduce((sum, s) => sum + counts[s], 0) - counts.not_applicable;
  if (answered <= 0) return null;
  return Math.round(((counts.fully_implemented + counts.partially_implemented) / answered) * 1000) / 1000;
}

export type ExportFormat = 'json' | 'csv' | 'xlsx' | 'html';

/** An asynchronous export: asked for through the API, written by the export job, downloaded through a signed link. */
export interface ExportRecord {
  id: string;
  cycleId: string;
  format: ExportFormat;
  language: 'en' | 'es' | 'fr' | 'pt';
  scope: 'submitted' | 'all';
  status: 'running' | 'done' | 'failed';
  requestedAt: string;
  requestedBy: string;
  finishedAt?: string;
  /** Where the file is in the reports bucket, once done. */
  key?: string;
  fileName?: string;
  /** Answer rows written (CSV, XLSX, HTML), once done. */
  rows?: number;
  bytes?: number;
  /** Why it failed, in words for the secretariat. */
  error?: string;
}
