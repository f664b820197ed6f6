import { jobNames, type JobName } from '../../shared/schedules';
import { runJob } from './jobs';
import { useRunningSystem } from './settings';

/**
 * `npm run job -- NAME [--now ISO-TIME]`: runs one scheduled job against the running local
 * system, at a chosen time, so a whole cycle can be played in seconds.
 */
const args = process.argv.slice(2);
const name = args[0] as JobName | undefined;
const nowAt = args.indexOf('--now');
const now = nowAt >= 0 ? args[nowAt + 1] : new Date().toISOString();

if (!name || !jobNames.includes(name)) {
  console.error(`usage: npm run job -- NAME [--now ISO-TIME]\njobs: ${jobNames.join(', ')}`);
  process.exit(2);
}
if (!now || Number.isNaN(Date.parse(now))) {
  console.error(`--now needs an ISO 8601 time, e.g. 2027-03-08T09:00:00Z; got "${now ?? ''}"`);
  process.exit(2);
}

useRunningSystem();

try {
  const result = await runJob(name, new Date(now).toISOString());
  console.log(JSON.stringify({ job: name, now: new Date(now).toISOString(), result }, null, 2));
} catch (error) {
  const text = String((error as Error).cause ?? error);
  if (/ECONNREFUSED/.test(text) || (error as Error).name === 'TimeoutError') {
    console.error(`The local system does not answer: start it with npm start first.`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
