/**
 * An error the client caused (or, with a 503, a dependency that is down).
 * Its message is the JSON body `{ "error": { "code", "message" } }` that http-error-handler sends.
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

export const badRequest = (code: string, message: string, details?: unknown) => new HttpError(400, code, message, details);
export const unauthorized = (message = 'A valid bearer token is required') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);

export const INTERNAL_ERROR_BODY = JSON.stringify({
  error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' },
});
