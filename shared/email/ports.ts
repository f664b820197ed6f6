/** What the use cases need of an email service. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  tags: Record<string, string>;
}

export interface Mailer {
  /** Sends one email; resolves to the provider's message id. A refusal rejects; see isThrottling. */
  send(email: OutgoingEmail): Promise<string>;
}

/** The provider says to slow down (the send rate or the daily quota): the email may be tried again later. */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return (
    ['Throttling', 'ThrottlingException', 'TooManyRequestsException'].includes(e?.name ?? '') ||
    /maximum sending rate exceeded|daily message quota exceeded|rate exceeded/i.test(e?.message ?? '') ||
    e?.$metadata?.httpStatusCode === 429
  );
}
