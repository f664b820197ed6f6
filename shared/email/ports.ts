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

/** The provider or the network failed for a moment (a 5xx, a reset connection): the email may be tried again at once. */
export function isTransient(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  return (
    (e?.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ['ServiceUnavailable', 'InternalFailure', 'InternalServerError', 'TimeoutError', 'RequestTimeout'].includes(e?.name ?? '') ||
    ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'].includes(e?.code ?? '')
  );
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
