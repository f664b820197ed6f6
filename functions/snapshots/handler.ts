import { jobHandler } from '../../shared/jobs';
import { streamReportFile } from '../../shared/render/report';
import { exportFiles } from '../../shared/storage';
import { stores } from '../../shared/store';
import { takeDueSnapshots } from '../../shared/usecases/snapshots';

/** Scheduled: `now` is the scheduled time (EventBridge Scheduler) or the job runner's clock. */
export const handler = jobHandler(async (event: { now?: string } = {}) => {
  const { taken } = await takeDueSnapshots({
    stores: stores(),
    now: event.now ?? new Date().toISOString(),
    stream: streamReportFile,
    files: exportFiles,
  });
  return { taken: taken.map((s) => ({ cycleId: s.cycleId, kind: s.kind, files: Object.keys(s.files).length })) };
});
