import { jobHandler } from '../../shared/jobs';
import { streamReportFile } from '../../shared/render/report';
import { exportFiles } from '../../shared/storage';
import { stores } from '../../shared/store';
import { runExport } from '../../shared/usecases/export';

/** Started asynchronously by POST /api/cycles/{id}/exports: writes one export to the reports bucket, streamed. */
export const handler = jobHandler(async (event: { exportId?: string }) => {
  if (typeof event?.exportId !== 'string') throw new Error('The export job needs { exportId }');
  const record = await runExport(stores(), event.exportId, {
    now: () => new Date().toISOString(),
    files: exportFiles,
    stream: streamReportFile,
  });
  return { exportId: event.exportId, status: record?.status ?? 'missing', rows: record?.rows ?? 0 };
});
