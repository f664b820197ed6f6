/**
 * What went wrong, in the domain's words. The HTTP edge maps each kind to one status code;
 * nothing below the edge knows about HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unsupported'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const invalid = (code: string, message: string, details?: unknown) => new DomainError('invalid', code, message, details);
export const unauthorized = (message = 'A valid bearer token is required') => new DomainError('unauthorized', 'unauthorized', message);
export const forbidden = (message: string, code = 'forbidden') => new DomainError('forbidden', code, message);
export const notFound = (message: string, code = 'not_found') => new DomainError('not_found', code, message);
export const conflict = (code: string, message: string, details?: unknown) => new DomainError('conflict', code, message, details);
export const gone = (code: string, message: string) => new DomainError('gone', code, message);
export const unprocessable = (code: string, message: string, details?: unknown) => new DomainError('unprocessable', code, message, details);
export const rateLimited = (message: string, details?: unknown) => new DomainError('rate_limited', 'rate_limited', message, details);

export const isDomainError = (error: unknown, kind?: ErrorKind): error is DomainError =>
  error instanceof DomainError && (kind === undefined || error.kind === kind);
