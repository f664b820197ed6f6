import { isHandedIn } from '../domain/cycles';
import { addDays } from '../domain/reminders';
import type { Language } from '../domain/states';
import type { FileStore, SnapshotRecord, StreamingFileStore, Stores } from '../store/ports';
import { reportFileName, streamReport, type ReportStreamer } from './export';
import type { ReportFormat } from './view-models';
import { buildReport, reportSource, trends, type TrendPoint } from './reports';

export const SNAPSHOT_FORMATS: ReportFormat[] = ['json', 'csv', 'xlsx', 'html'];
const WEEK_MS = 7 * 86_400_000;

/**
 * The `snapshots` job: immutable report files in S3, weekly while a cycle is open and once when
 * it closes — when every state has submitted, or when the last overdue notice of the latest
 * deadline has gone. The index of each snapshot, with what it was built from, is in the table.
 * The cycle is aggregated once; each file is streamed to the bucket as it is written (the answer
 * lists read state by state), so a snapshot of any size holds one state's answers at a time.
 */
export async function takeDueSnapshots(context: {
  stores: Stores;
  now: string;
  language?: Language;
  stream: ReportStreamer;
  files: StreamingFileStore;
}): Promise<{ taken: SnapshotRecord[] }> {
  const { stores, now } = context;
  const taken: SnapshotRecord[] = [];
  let trend: TrendPoint[] | undefined;
  for (const cycle of await stores.cycles.listCycles()) {
    if (cycle.status !== 'open') continue;
    const source = await reportSource(stores, cycle.id);
    const lastDeadline =
      source.assignments
        .map((a) => a.deadline)
        .sort()
        .at(-1) ?? cycle.deadline;
    const closesAt = addDays(lastDeadline, cycle.reminders.maxOverdue * cycle.reminders.overdueEveryDays);
    const allSubmitted = source.assignments.length > 0 && source.assignments.every((a) => isHandedIn(a.status));
    const closing = allSubmitted || now >= closesAt;
    const [last] = await stores.snapshots.listSnapshots(cycle.id);
    if (!closing && last && Date.parse(now) - Date.parse(last.generatedAt) < WEEK_MS) continue;

    const kind = closing ? 'final' : 'weekly';
    trend ??= await trends(stores, now);
    const language = context.language ?? 'en';
    const report = await buildReport(stores, source, { now, scope: 'submitted' });
    const files: Record<string, string> = {};
    for (const format of SNAPSHOT_FORMATS) {
      const fileName = reportFileName(cycle.title, { now, language, format });
      const key = `snapshots/${cycle.id}/${now.replace(/[:.]/g, '-')}-${kind}/${fileName}`;
      const lists = format === 'csv' || format === 'xlsx';
      await streamReport(stores, source, { report, trend: lists ? [] : trend, format, language }, { ...context, key, fileName });
      files[format] = key;
    }
    const builtFrom: SnapshotRecord['builtFrom'] = {
      states: report.response.invited,
      mandates: report.byMandate.length,
      submitted: report.response.submitted,
      answersCounted: report.totals.cells - report.totals.counts.no_answer,
      generatedAt: now,
    };
    const snapshot: SnapshotRecord = { cycleId: cycle.id, title: cycle.title, kind, generatedAt: now, files, builtFrom };
    await stores.snapshots.putSnapshot(snapshot);
    if (closing && (await stores.cycles.markCycleClosed(cycle.id))) {
      await stores.audit.appendAudit({ cycleId: cycle.id, at: now, actor: 'schedule', action: 'cycle.closed', details: { allSubmitted } });
    }
    taken.push(snapshot);
  }
  return { taken };
}

/** The snapshots, newest first, each with links that download its files for 15 minutes. */
export async function snapshotsWithLinks(stores: Stores, files: FileStore, cycleId?: string) {
  const snapshots = await stores.snapshots.listSnapshots(cycleId);
  return Promise.all(
    snapshots.map(async (s) => ({
      ...s,
      downloads: Object.fromEntries(
        await Promise.all(Object.entries(s.files).map(async ([format, key]) => [format, await files.downloadLink(key)] as const)),
      ),
    })),
  );
}
