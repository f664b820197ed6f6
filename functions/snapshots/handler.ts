import { config } from '../../shared/config';
import { jobs } from '../../shared/usecases/jobs';

config();

/** Scheduled: `now` is the scheduled time (EventBridge Scheduler) or the job runner's clock. */
export const handler = async (event: { now?: string } = {}) => jobs.snapshots(event.now ?? new Date().toISOString());
