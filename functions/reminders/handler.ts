import { config, requireSetting } from '../../shared/config';
import { processMailer } from '../../shared/email/process-mailer';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { jobHandler } from '../../shared/jobs';
import { logger, metrics } from '../../shared/log';
import { ASSIGNMENT_FAILED, EMAIL_REFUSED } from '../../shared/log-messages';
import { composeMail } from '../../shared/render/team-email';
import { stores } from '../../shared/store';
import { sendDueEmails } from '../../shared/usecases/send-reminders';

const publicUrl = requireSetting(config().publicUrl, 'PUBLIC_URL');
requireSetting(config().senderEmail, 'SENDER_EMAIL');

/**
 * Scheduled: `now` is the scheduled time (EventBridge Scheduler) or the job runner's clock.
 * One assignment that fails is logged as an error and left due; the run goes on and returns.
 */
export const handler = jobHandler(async (event: { now?: string } = {}, context) => {
  const run = await sendDueEmails({
    stores: stores(),
    mailer: processMailer(),
    now: event.now ?? new Date().toISOString(),
    settings: {
      publicUrl,
      maxSendRate: config().maxSendRate,
      compose: composeMail,
      timeLeftMs: () => context.getRemainingTimeInMillis(),
    },
    log: (message, extra = {}) => logger.info(message, { ...extra }),
    onRefused: (details) => logger.error(EMAIL_REFUSED, details),
    onFailure: (key, error) => logger.error(ASSIGNMENT_FAILED, { ...key, error: error instanceof Error ? error : String(error) }),
  });
  metrics.addMetric('EmailsSent', MetricUnit.Count, run.sent);
  metrics.addMetric('EmailsRefused', MetricUnit.Count, run.refused);
  metrics.addMetric('EmailsThrottled', MetricUnit.Count, run.throttled);
  metrics.addMetric('AssignmentsFailed', MetricUnit.Count, run.errors);
  metrics.publishStoredMetrics();
  if (run.stoppedEarly) logger.warn('the reminder run stopped early: its time was running out; the rest is due for the next run');
  return run;
});
