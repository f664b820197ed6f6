import { config, requireSetting } from '../../shared/config';
import { jobs } from '../../shared/usecases/jobs';

requireSetting(config().publicUrl, 'PUBLIC_URL');
requireSetting(config().senderEmail, 'SENDER_EMAIL');

/** Scheduled: `now` is the scheduled time (EventBridge Scheduler) or the job runner's clock. */
export const handler = async (event: { now?: string } = {}) => jobs.reminders(event.now ?? new Date().toISOString());
