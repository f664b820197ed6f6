import { createHash } from 'node:crypto';
import type { Stores } from '../store';
import { changeAssignment, conflict } from './cycles';

/**
 * Submits a state's report: the assignment becomes read-only, reminders stop at once, and a
 * receipt with the content hash is queued for the next run of the reminder job.
 */
export function submitAssignment(
  stores: Stores,
  cycleId: string,
  code: string,
  input: { answersDigest: string; actor: string; now: string },
) {
  return changeAssignment(stores, cycleId, code, (a) => {
    if (a.status === 'submitted') throw conflict('already_submitted', 'This report has already been submitted');
    const contentHash = createHash('sha256').update(`${cycleId}\n${code}\n${input.answersDigest}`).digest('hex');
    return {
      assignment: {
        ...a,
        status: 'submitted',
        submittedAt: input.now,
        contentHash,
        queued: [...a.queued, { name: `receipt@${input.now}`, kind: 'receipt', at: input.now }],
        nextReminderAt: input.now,
      },
      audit: { at: input.now, actor: input.actor, action: 'assignment.submitted', details: { contentHash } },
    };
  });
}
