import { jobNames, schedules, type JobName } from '../../shared/schedules';
import { useLocalJobStarter, type AsyncJob } from '../../shared/start-job';
import type { RunningService } from './services';

/** Runs one scheduled job through its Lambda handler, as EventBridge Scheduler does on AWS. */
export async function runJob(name: JobName, now: string): Promise<unknown> {
  const schedule = schedules.find((s) => s.name === name)!;
  const module = await import(`../../functions/${schedule.fn}/handler.ts`);
  return module.handler({ now });
}

/** The local stand-in for EventBridge Scheduler: every job of the list, on the real clock, never two runs of one job at once. */
export function startJobTimer(intervalMs: number, log: (message: string) => void): RunningService {
  const busy = new Set<JobName>();
  const tick = () => {
    for (const name of jobNames) {
      if (busy.has(name)) continue;
      busy.add(name);
      runJob(name, new Date().toISOString())
        .then((result) => {
          const r = result as { sent?: number; opened?: string[]; taken?: unknown[] };
          if ((r.sent ?? 0) > 0 || (r.opened?.length ?? 0) > 0 || (r.taken?.length ?? 0) > 0) log(`job ${name}: ${JSON.stringify(result)}`);
        })
        .catch((error) => log(`job ${name} failed: ${(error as Error).message}`))
        .finally(() => busy.delete(name));
    }
  };
  const timer = setInterval(tick, intervalMs);
  return {
    name: 'job timer',
    url: '',
    stop: async () => {
      clearInterval(timer);
      while (busy.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

/**
 * The local stand-in for Lambda's asynchronous invocation (the export job): the request gets its answer at once, and
 * the job runs in this process after it, through its Lambda handler, one at a time (reserved concurrency 1 on AWS).
 * A failed run is logged; its record says failed. Stopping waits for the runs in hand.
 */
export function startAsyncJobs(log: (message: string) => void): RunningService {
  let queue: Promise<void> = Promise.resolve();
  const run = (fn: AsyncJob, event: object) => async () => {
    const module = await import(`../../functions/${fn}/handler.ts`);
    await module.handler(event);
  };
  useLocalJobStarter(async (fn, event) => {
    queue = queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(run(fn, event))
      .catch((error) => log(`job ${fn} failed: ${(error as Error).message}`));
  });
  return {
    name: 'asynchronous jobs',
    url: '',
    stop: async () => {
      useLocalJobStarter(undefined);
      await queue;
    },
  };
}
