import { once } from 'node:events';
import type { CycleReport } from '../domain/report';
import type { AnswerRow, TrendPoint } from '../usecases/view-models';

/** What a report file is written from when it is streamed: the aggregates, the trend, and the answer rows a state at a time. */
export interface ReportStreamInput {
  report: CycleReport;
  trend: TrendPoint[];
  /** One array per state, read as the file is written (CSV, XLSX and HTML list them; JSON does not). */
  rows: AsyncIterable<AnswerRow[]>;
}

/** Writes a chunk, waiting while the destination is full (so memory holds a few chunks, never the file). */
export async function put(out: NodeJS.WritableStream, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out as unknown as NodeJS.EventEmitter, 'drain');
}

/** The rows of an in-memory report as the stream of one chunk. */
export async function* asChunks(rows: AnswerRow[]): AsyncGenerator<AnswerRow[]> {
  if (rows.length > 0) yield rows;
}
