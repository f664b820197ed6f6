/**
 * Fakes and small helpers for the use-case suite. The mailer here only records what the reminder
 * job hands it (the SES path is covered by the integration tests through the local mailbox).
 */
import { expect } from 'vitest';
import { DomainError, type ErrorKind } from '../../shared/domain/errors';
import type { Mailer } from '../../shared/email/ports';
import type { AuditEntry, Stores } from '../../shared/store/ports';
import type { ReminderSettings } from '../../shared/usecases/send-reminders';
import type { EmailContext, MailComposer } from '../../shared/usecases/view-models';

export interface SentEmail {
  to: string;
  messageId: string;
  /** The email's tags: cycle, state and kind. */
  tags: Record<string, string>;
  /** What the email was written from (the composer below writes it as JSON). */
  context: EmailContext;
}

/** Writes an email as the JSON of what it was made from, so tests read the data rather than the wording. */
export const composeAsJson: MailComposer = (context) => ({
  subject: `${context.kind}: ${context.cycleTitle}`,
  text: JSON.stringify(context),
  html: '',
});

/** A mailer that records every email and answers with a new message id. */
export function recordingMailer() {
  const sent: SentEmail[] = [];
  const mailer: Mailer = {
    async send(email) {
      const messageId = `message-${sent.length + 1}`;
      sent.push({ to: email.to, messageId, tags: email.tags, context: JSON.parse(email.text) as EmailContext });
      return messageId;
    },
  };
  return {
    mailer,
    sent,
    /** The emails to one address, oldest first. */
    to: (address: string) => sent.filter((e) => e.to === address),
    /** How many emails each address got. */
    perRecipient: () => {
      const counts: Record<string, number> = {};
      for (const e of sent) counts[e.to] = (counts[e.to] ?? 0) + 1;
      return counts;
    },
  };
}

/** A mailer that refuses every email with the given error. */
export const refusingMailer = (error: { name: string; message: string }): Mailer => ({
  send: async () => Promise.reject(Object.assign(new Error(error.message), { name: error.name })),
});

export const settings: ReminderSettings = {
  publicUrl: 'https://followup.example.org',
  compose: composeAsJson,
  maxSendRate: 1000,
  sleep: async () => {},
};

export const focalPoint = (code: string) => `focal-point@${code.toLowerCase()}.example.org`;

/** The link token an email carries, if any. */
export const tokenOf = (email: SentEmail | undefined) => email?.context.link?.split('/respond/')[1];

/** A cycle's whole audit trail, newest first, read page by page. */
export async function auditTrail(stores: Stores, cycleId: string, limit = 3): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await stores.audit.listAudit(cycleId, { limit, cursor });
    if (page === 'bad_cursor') throw new Error('bad cursor');
    entries.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return entries;
}

/** Awaits a promise that must fail with a DomainError of this kind and code, and returns the error. */
export async function domainError(promise: Promise<unknown>, kind: ErrorKind, code?: string): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject(code === undefined ? { kind } : { kind, code });
  return error as DomainError;
}
