import type { Answer, ImplementationStatus } from '../domain/answers';
import { hasReported, type Assignment } from '../domain/cycles';
import { CycleAggregator, implementedShare, type CycleReport, type LineageChain } from '../domain/report';
import { changeOf, changesOfState } from '../domain/changes';
import { chainsOf } from '../domain/lineage';
import type { EvidenceFile } from '../domain/evidence';
import { notFound } from '../domain/errors';
import { daysLate } from '../domain/assignment';
import type { Stores } from '../store/ports';
import type { AnswerRow, CycleStatusView, ReportSource, TrendPoint } from './view-models';

export type { ReportSource, TrendPoint };

export async function reportSource(stores: Stores, cycleId: string): Promise<ReportSource> {
  const [cycle, found] = await Promise.all([stores.cycles.getCycle(cycleId), stores.assignments.listAssignments(cycleId)]);
  if (!cycle) throw notFound(`No cycle ${cycleId}`);
  const [catalogue, links] = await Promise.all([stores.mandates.listMandates(), stores.mandates.listLinks()]);
  const all = new Map(catalogue.map((m) => [m.id, m]));
  const asked = new Set(cycle.mandateIds);
  const chains: LineageChain[] = chainsOf(cycle.mandateIds, links).map((ids) => ({
    mandates: ids
      .map((id) => all.get(id))
      .filter((m): m is NonNullable<typeof m> => Boolean(m))
      .map((m) => ({ id: m.id, label: m.label, document: m.document, year: m.year, inCycle: asked.has(m.id) }))
      .sort((a, b) => a.year - b.year || a.id.localeCompare(b.id)),
  }));
  const mandates = cycle.mandateIds
    .map((id) => all.get(id))
    .filter((m): m is NonNullable<typeof m> => Boolean(m))
    .map(({ id, label, text, document, summitId, summit, year, themes, texts, language }) => ({
      id,
      label,
      text,
      document,
      summitId,
      summit,
      year,
      themes,
      texts,
      language,
    }));
  const stateNames = new Map((await stores.states.listStates()).map((s) => [s.code, s.name]));
  const assignments = [...found].sort((a, b) =>
    (stateNames.get(a.stateCode) ?? a.stateCode).localeCompare(stateNames.get(b.stateCode) ?? b.stateCode),
  );
  return { cycle, mandates, assignments, stateNames, chains };
}

/** Each mandate's status in the state's previous cycle (statuses only), or null when this is the state's first cycle. */
export async function previousStatuses(
  stores: Stores,
  cycleId: string,
  stateCode: string,
): Promise<Map<string, ImplementationStatus | null> | null> {
  const mine = await stores.assignments.assignmentsOfState(stateCode); // oldest first
  const at = mine.findIndex((a) => a.cycleId === cycleId);
  const previous = at > 0 ? mine[at - 1] : undefined;
  if (!previous) return null;
  return new Map((await stores.answers.listAnswerMarks(previous.cycleId, stateCode)).map((m) => [m.mandateId, m.status]));
}

/** Adds one state's answers (or their marks) to the aggregate, and how they moved since its previous cycle. */
function countState(
  source: ReportSource,
  aggregator: CycleAggregator,
  stateCode: string,
  answers: readonly Pick<Answer, 'mandateId' | 'status' | 'carried'>[],
  previous: Map<string, ImplementationStatus | null> | null,
  compare: boolean,
): void {
  for (const answer of answers) aggregator.add({ stateCode, mandateId: answer.mandateId, status: answer.status });
  if (!compare) return;
  const current = new Map(answers.map((a) => [a.mandateId, a.status]));
  const carried = { confirmed: 0, updated: 0 };
  for (const a of answers) if (a.carried) carried[a.carried.outcome] += 1;
  aggregator.addChanges(
    stateCode,
    changesOfState(
      source.mandates.map((m) => m.id),
      current,
      previous ?? new Map(),
    ),
    carried,
  );
}

/** States whose answers are read at once when only counting: a few Queries in flight, a few states in memory. */
const READ_LANES = 4;

/**
 * Aggregates a cycle, reading its answers state by state (a Query per state, never a Scan).
 * `visit` sees each state's answers as they are read, for writers that list them (CSV, XLSX);
 * nothing keeps them after, so memory stays with the aggregates.
 */
export async function buildReport(
  stores: Stores,
  source: ReportSource,
  options: {
    now: string;
    scope?: 'submitted' | 'all';
    /** Compare each state with its previous cycle (on unless said otherwise: the trend across cycles does not need it). */
    compare?: boolean;
    visit?: (assignment: Assignment, answers: Answer[], previous: Map<string, ImplementationStatus | null> | null) => void | Promise<void>;
  },
): Promise<CycleReport> {
  const aggregator = new CycleAggregator({ ...source, now: options.now, scope: options.scope });
  const compare = options.compare ?? true;
  if (!options.visit) {
    // Counting only: a few states read at once (the order does not matter), and of each answer only its status
    // (the marks: no narrative is read), dropped once counted.
    let next = 0;
    const lane = async () => {
      while (next < source.assignments.length) {
        const { stateCode } = source.assignments[next++]!;
        const [marks, previous] = await Promise.all([
          stores.answers.listAnswerMarks(source.cycle.id, stateCode),
          compare ? previousStatuses(stores, source.cycle.id, stateCode) : null,
        ]);
        countState(source, aggregator, stateCode, marks, previous, compare);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_LANES, source.assignments.length) }, lane));
    return aggregator.result();
  }
  for (const assignment of source.assignments) {
    const [answers, previous] = await Promise.all([
      stores.answers.listAnswers(source.cycle.id, assignment.stateCode),
      compare ? previousStatuses(stores, source.cycle.id, assignment.stateCode) : null,
    ]);
    countState(source, aggregator, assignment.stateCode, answers, previous, compare);
    await options.visit(assignment, answers, previous);
  }
  return aggregator.result();
}

/** Across cycles: for each cycle, its response rate and how implemented each mandate is said to be. */
export async function trends(stores: Stores, now: string, cycleIds?: string[]): Promise<TrendPoint[]> {
  const cycles = (await stores.cycles.listCycles())
    .filter((c) => c.status !== 'scheduled' && (!cycleIds || cycleIds.includes(c.id)))
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const points: TrendPoint[] = [];
  for (const cycle of cycles) {
    const report = await buildReport(stores, await reportSource(stores, cycle.id), { now, compare: false });
    points.push({
      cycleId: cycle.id,
      title: cycle.title,
      deadline: cycle.deadline,
      responseRate: report.response.responseRate,
      onTimeRate: report.response.onTimeRate,
      implementedShare: implementedShare(report.totals.counts),
      counts: report.totals.counts,
      byMandate: Object.fromEntries(report.byMandate.map((m) => [m.id, implementedShare(m.counts)])),
      byState: Object.fromEntries(
        report.byState.map((s) => [s.code, s.submitted ? (s.onTime ? 'submitted' : 'late') : 'not_submitted'] as const),
      ),
    });
  }
  return points;
}

export interface Responsiveness {
  code: string;
  name: string;
  cycles: number;
  submitted: number;
  onTime: number;
  averageDaysLate: number;
  averageReminders: number;
}

/** Each state's responsiveness across the cycles it was invited to (a Query per state). */
export async function responsiveness(stores: Stores, now: string): Promise<Responsiveness[]> {
  const states = await stores.states.listStates();
  const rows: Responsiveness[] = [];
  for (const state of states) {
    const assignments = await stores.assignments.assignmentsOfState(state.code);
    if (assignments.length === 0) continue;
    const submitted = assignments.filter((a) => hasReported(a.status));
    const late = assignments.map((a) => daysLate(a.deadline, a.submittedAt ?? now));
    rows.push({
      code: state.code,
      name: state.name,
      cycles: assignments.length,
      submitted: submitted.length,
      onTime: submitted.filter((a) => a.submittedAt! <= a.deadline).length,
      averageDaysLate: round(late.reduce((s, n) => s + n, 0) / assignments.length),
      averageReminders: round(assignments.reduce((s, a) => s + a.remindersSent, 0) / assignments.length),
    });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

const round = (n: number) => Math.round(n * 10) / 10;

/** What the answer lists show beside a state's answers: its previous cycle's statuses (null: none) and its evidence files. */
export interface StateExtras {
  previous: Map<string, ImplementationStatus | null> | null;
  files: EvidenceFile[];
}

/** The evidence files of one state's answers that the lists name: those checked and kept (not pending, refused or removed). */
export async function filesOfState(stores: Stores, cycleId: string, stateCode: string): Promise<EvidenceFile[]> {
  return (await stores.team.listFiles(cycleId, stateCode)).filter((f) => f.status === 'ready');
}

/** One row per mandate of the cycle for one state, answered or not: what the answer lists show. */
export function answerRowsOf(
  source: ReportSource,
  assignment: Assignment,
  answers: Answer[],
  extras: StateExtras = { previous: null, files: [] },
): AnswerRow[] {
  const found = new Map<string, Answer>(answers.map((a) => [a.mandateId, a]));
  const stateName = source.stateNames.get(assignment.stateCode) ?? assignment.stateCode;
  const filesOf = new Map<string, EvidenceFile[]>();
  for (const file of extras.files) filesOf.set(file.mandateId, [...(filesOf.get(file.mandateId) ?? []), file]);
  return source.mandates.map((m) => {
    const a = found.get(m.id);
    const previous = extras.previous ? (extras.previous.get(m.id) ?? null) : undefined;
    return {
      stateCode: assignment.stateCode,
      stateName,
      mandateId: m.id,
      label: m.label,
      text: m.text,
      texts: m.texts ?? {},
      document: m.document,
      year: m.year,
      summit: `${m.summit.city} ${m.summit.year}`,
      status: a?.status ?? 'no_answer',
      narrative: a?.narrative ?? '',
      difficulties: a?.difficulties ?? '',
      evidence: a?.evidence ?? [],
      files: (filesOf.get(m.id) ?? []).map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 ?? '' })),
      updatedAt: a?.updatedAt ?? '',
      updatedBy: a?.updatedBy ?? '',
      submitted: hasReported(assignment.status),
      previousStatus: previous === undefined ? '' : (previous ?? 'no_answer'),
      change: previous === undefined ? '' : changeOf(previous, a?.status),
      carried: a?.carried?.outcome ?? '',
    };
  });
}

/**
 * The response figures of a cycle from its status lines alone (no answer read): what the console's cycle
 * page shows for a cycle too large to add up on every view. The same rules as the report's.
 */
export function responseOfStatus(status: CycleStatusView): CycleReport['response'] {
  const lines = status.states;
  const reported = lines.filter((s) => s.submittedAt !== null && (hasReported(s.status) || s.status === 'late'));
  const onTime = reported.filter((s) => s.submittedAt! <= s.deadline).length;
  const total = lines.length;
  const ratio = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 1000);
  return {
    invited: total,
    submitted: reported.length,
    onTime,
    late: reported.length - onTime,
    notSubmitted: total - reported.length,
    extensionsGranted: lines.filter((s) => s.extensions.length > 0).length,
    responseRate: ratio(reported.length),
    onTimeRate: ratio(onTime),
  };
}
