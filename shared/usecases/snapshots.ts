import { addDays } from '../domain/reminders';
import type { Language } from '../domain/states';
import type { FileStore, SnapshotRecord, Stores } from '../store/ports';
import { exportReport, storeReport, type ReportRenderer } from './export';
import type { ReportFormat } from './view-models';
import { reportSource, trends, type TrendPoint } from './reports';

export const SNAPSHOT_FORMATS: ReportFormat[] = ['json', 'csv', 'xlsx', 'html'];
const WEEK_MS = 7 * 86_400_000;

/**
 * The `snapshots` job: immutable report files in S3, weekly while a cycle is open and once when
 * it closes — when every state has submitted, or when the last overdue notice of the latest
 * deadline has gone. The index of each snapshot, with what it was built from, is in the table.
 */
export async function takeDueSnapshots(context: {
  stores: Stores;
  now: string;
  language?: Language;
  render: ReportRenderer;
  files: FileStore;
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
    const allSubmitted = source.assignments.length > 0 && source.assignments.every((a) => a.status === 'submitted');
    const closing = allSubmitted || now >= closesAt;
    const [last] = await stores.snapshots.listSnapshots(cycle.id);
    if (!closing && last && Date.parse(now) - Date.parse(last.generatedAt) < WEEK_MS) continue;

    const kind = closing ? 'final' : 'weekly';
    trend ??= await trends(stores, now);
    const files: Record<string, string> = {};
    let builtFrom: SnapshotRecord['builtFrom'] = {};
    for (const format of SNAPSHOT_FORMATS) {
      const options = { format, language: context.language ?? 'en', scope: 'submitted', now } as const;
      const rendered = await exportReport(stores, cycle.id, options, context.render, { source, trend });
      const key = `snapshots/${cycle.id}/${now.replace(/[:.]/g, '-')}-${kind}/${rendered.fileName}`;
      await storeReport(context.files, rendered, key);
      files[format] = key;
      builtFrom = rendered.builtFrom;
    }
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
