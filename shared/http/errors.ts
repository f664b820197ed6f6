import { DomainError, type ErrorKind } from '../domain/errors';

/**
 * An error as the HTTP edge sends it: its message is the JSON body `{ "error": { "code", "message" } }`
 * that http-error-handler sends. Only the edge makes these; the layers below throw DomainError.
 */
export class HttpError extends Error {
  readonly expose = true;
  readonly headers: Record<string, string> = { 'Content-Type': 'application/json' };

  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly description: string,
    readonly details?: unknown,
  ) {
    super(JSON.stringify({ error: { code, message: description, ...(details === undefined ? {} : { details }) } }));
    this.name = 'HttpError';
  }
}

/** The one place where a domain error becomes a status code. */
export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export function toHttpError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return new HttpError(STATUS_OF[error.kind], error.code, error.message, error.details);
}

export const INTERNAL_ERROR_BODY = JSON.stringify({
  error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' },
});
