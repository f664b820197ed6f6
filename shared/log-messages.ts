/** Log messages that alarms count (metric filters match them exactly). */
export const ASSIGNMENT_FAILED = 'reminder failed for one assignment';
export const EMAIL_REFUSED = 'email refused by the provider';
