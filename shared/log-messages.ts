/** Log messages that alarms count (metric filters match them exactly). */
export const ASSIGNMENT_FAILED = 'reminder failed for one assignment';
/** One email the provider (SES) refused to send, logged by the reminder job with cycleId, stateCode and reason. */
export const EMAIL_REFUSED = 'email refused by the provider';
