import { markUndeliverable } from '../domain/assignment';
import { isDomainError } from '../domain/errors';
import type { Stores } from '../store/ports';
import { changeAssignment } from './cycles';

/** An SES event (configuration-set event publishing) or notification, as SNS delivers it. */
export interface SesEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; tags?: Record<string, string[]> };
  bounce?: { bounceType?: string; bouncedRecipients?: { emailAddress: string }[] };
  complaint?: { complainedRecipients?: { emailAddress: string }[] };
}

function addressOnly(recipient: string): string {
  return (/<([^>]+)>/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();
}

/**
 * Acts on a bounce or a complaint.
 *
 * Primary course:
 * 1. A permanent bounce or a complaint: the address is marked in the register, and no more mail goes to it.
 * 2. The assignment the email belonged to (from the email's tags) shows the address as undeliverable,
 *    so the cycle status tells the secretariat to fix it (PUT /api/states/{code}).
 * 3. Transient bounces are only recorded in the audit trail.
 */
export async function handleSesEvent(event: SesEvent, context: { stores: Stores; now: string }): Promise<{ blocked: string[] }> {
  const type = event.eventType ?? event.notificationType;
  const permanent = (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') || type === 'Complaint';
  const recipients = (type === 'Complaint' ? event.complaint?.complainedRecipients : event.bounce?.bouncedRecipients) ?? [];
  const addresses = recipients.map((r) => addressOnly(r.emailAddress));
  const cycleId = event.mail?.tags?.cycle?.[0];
  const stateCode = event.mail?.tags?.state?.[0];
  if (type !== 'Bounce' && type !== 'Complaint') return { blocked: [] };

  if (permanent) {
    for (const state of await context.stores.states.listStates()) {
      const hit = state.focalPoints.filter((a) => addresses.includes(a.toLowerCase()));
      if (hit.length === 0) continue;
      const bounced = [...new Set([...(state.bouncedAddresses ?? []), ...hit])];
      await context.stores.states.putState({ ...state, bouncedAddresses: bounced, updatedAt: context.now });
    }
  }
  if (cycleId && stateCode) {
    const action = type === 'Complaint' ? 'email.complaint' : permanent ? 'email.bounced' : 'email.bounced_transient';
    if (permanent) {
      await changeAssignment(context.stores, cycleId, stateCode, (a) => ({
        assignment: markUndeliverable(a, addresses),
        audit: { at: context.now, actor: 'ses', action, details: { addresses, messageId: event.mail?.messageId } },
      })).catch((error) => {
        if (!isDomainError(error, 'not_found')) throw error;
      });
    } else {
      await context.stores.audit.appendAudit({ cycleId, stateCode, at: context.now, actor: 'ses', action, details: { addresses } });
    }
  }
  return { blocked: permanent ? addresses : [] };
}
