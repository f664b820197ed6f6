import type { Answer } from '../domain/answers';
import { hasReported, type Assignment } from '../domain/cycles';
import { CycleAggregator, implementedShare, type CycleReport } from '../domain/report';
import { notFound } from '../domain/errors';
import { daysLate } from '../domain/assignment';
import type { Stores } from '../store/ports';
import type { AnswerRow, CycleStatusView, ReportSource, TrendPoint } from './view-models';

export type { ReportSource, TrendPoint };

export async function reportSource(stores: Stores, cycleId: string): Promise<ReportSource> {
  const [cycle, found] = await Promise.all([stores.cycles.getCycle(cycleId), stores.assignments.listAssignments(cycleId)]);
  if (!cycle) throw notFound(`No cycle ${cycleId}`);
  const all = new Map((await stores.mandates.listMandates()).map((m) => [m.id, m]));
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
  return { cycle, mandates, assignments, stateNames };
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
  options: { now: string; scope?: 'submitted' | 'all'; visit?: (assignment: Assignment, answers: Answer[]) => void | Promise<void> },
): Promise<CycleReport> {
  const aggregator = new CycleAggregator({ ...source, now: options.now, scope: options.scope });
  if (!options.visit) {
    // Counting only: a few states read at once (the order does not matter), each state's answers dropped once counted.
    let next = 0;
    const lane = async () => {
      while (next < source.assignments.length) {
        const assignment = source.assignments[next++]!;
        for (const answer of await stores.answers.listAnswers(source.cycle.id, assignment.stateCode)) aggregator.add(answer);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_LANES, source.assignments.length) }, lane));
    return aggregator.result();
  }
  for (const assignment of source.assignments) {
    const answers = await stores.answers.listAnswers(source.cycle.id, assignment.stateCode);
    for (const answer of answers) aggregator.add(answer);
    await options.visit(assignment, answers);
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
    const report = await buildReport(stores, await reportSource(stores, cycle.id), { now });
    points.push({
      cycleId: cycle.id,
      title: cycle.title,
      deadline: cycle.deadline,
      responseRate: report.response.responseRate,
      onTimeRate: report.response.onTimeRate,
      implementedShare: implementedShare(report.totals.counts),
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

/** One row per mandate of the cycle for one state, answered or not: what the answer lists show. */
export function answerRowsOf(source: ReportSource, assignment: Assignment, answers: Answer[]): AnswerRow[] {
  const found = new Map<string, Answer>(answers.map((a) => [a.mandateId, a]));
  const stateName = source.stateNames.get(assignment.stateCode) ?? assignment.stateCode;
  return source.mandates.map((m) => {
    const a = found.get(m.id);
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
      updatedAt: a?.updatedAt ?? '',
      submitted: hasReported(assignment.status),
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
