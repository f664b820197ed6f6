import { jobHandler } from '../../shared/jobs';
import { logger } from '../../shared/log';
import { stores } from '../../shared/store';
import { openDueCycles } from '../../shared/usecases/cycles';

/** Scheduled: `now` is the scheduled time (EventBridge Scheduler) or the job runner's clock. */
export const handler = jobHandler(async (event: { now?: string } = {}) =>
  openDueCycles({
    stores: stores(),
    now: event.now ?? new Date().toISOString(),
    onFailure: (cycleId, error) =>
      logger.error('a cycle failed to open; it stays due for the next run', {
        cycleId,
        error: error instanceof Error ? error : String(error),
      }),
  }),
);
