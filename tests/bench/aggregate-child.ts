/**
 * The aggregation alone in a process, for its memory, as a report function runs it: builds one cycle's report
 * (argv[2], scope all, at argv[3]) with the production code, sampling the resident set size, then times a raw
 * paginated Query of the same answers. Prints one JSON line.
 */
import { stores } from '../../shared/store';
import { buildReport, reportSource } from '../../shared/usecases/reports';
import { rssSampler } from './child';

const [cycleId, now] = [process.argv[2]!, process.argv[3]!];
const source = await reportSource(stores(), cycleId);
const memory = rssSampler();
const started = performance.now();
const report = await buildReport(stores(), source, { now, scope: 'all' });
const aggMs = performance.now() - started;
const { startRssMb, peakRssMb } = memory.stop();

// The baseline: every answer of the cycle read with the store's paginated Query, state by state, nothing else done.
const queryStarted = performance.now();
for (const assignment of source.assignments) await stores().answers.listAnswers(cycleId, assignment.stateCode);
const queryMs = performance.now() - queryStarted;
const counted = report.totals.cells - report.totals.counts.no_answer;
console.log(JSON.stringify({ aggMs, queryMs, counted, startRssMb, peakRssMb }));
process.exit(0);
