/**
 * The export job alone in a process, for its memory: runs one export (argv[2]) with the production code, sampling the
 * resident set size every 20 ms, then times a raw paginated Query of the same answers. Prints one JSON line.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { streamReportFile } from '../../shared/render/report';
import { exportFiles } from '../../shared/storage';
import { stores } from '../../shared/store';
import { documentClient } from '../../shared/store/client';
import { keys } from '../../shared/store/table';
import { reportSource } from '../../shared/usecases/reports';
import { runExport } from '../../shared/usecases/export';
import { rssSampler } from './child';

const exportId = process.argv[2]!;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const memory = rssSampler();
// EXPORT_TRACE=1: the memory, every second, on stderr (what holds it: the heap, or buffers).
const tracer = process.env.EXPORT_TRACE
  ? setInterval(() => {
      const m = process.memoryUsage();
      process.stderr.write(
        `rss ${mb(m.rss)} heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} buffers ${mb(m.arrayBuffers)} external ${mb(m.external)}\n`,
      );
    }, 1000)
  : undefined;
const started = performance.now();
const record = await runExport(stores(), exportId, { now: () => new Date().toISOString(), files: exportFiles, stream: streamReportFile });
const exportMs = performance.now() - started;
const { startRssMb, peakRssMb } = memory.stop();
clearInterval(tracer);
if (record?.status !== 'done') throw new Error(`the export ended ${record?.status}: ${record?.error}`);

// The baseline: every answer of the cycle read with a plain paginated Query per state, nothing else done with them.
const source = await reportSource(stores(), record.cycleId);
const db = documentClient();
const queryStarted = performance.now();
for (const assignment of source.assignments) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME!,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.answers(record.cycleId, assignment.stateCode) },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}
const queryMs = performance.now() - queryStarted;
console.log(JSON.stringify({ exportMs, queryMs, rows: record.rows, bytes: record.bytes, startRssMb, peakRssMb }));
process.exit(0);
