/** Every error code the app raises. Dotted: `<area>.<what>`. */
export type ErrorCode =
  | 'config.invalid'
  | 'source.fetch_failed'
  | 'source.timeout'
  | 'source.rate_limited'
  | 'source.bad_response'
  | 'source.http_error'
  | 'storage.failed'
  | 'query.invalid'
  | 'input.invalid'
  | 'publish.forbidden'
  | 'publish.not_found'
  | 'publish.rate_limited'
  | 'publish.failed'
  | 'internal';

/** The one base class for errors we raise ourselves. Carries a code and the original cause. */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** An error whose message is written for people and safe to show in chat or on a terminal. */
export class UserFacingError extends AppError {
  override readonly name: string = 'UserFacingError';
}

/** Normalises anything thrown into an AppError, keeping the original as `cause`. */
export function toAppError(error: unknown, code: ErrorCode = 'internal'): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error) return new AppError(code, error.message, { cause: error });
  return new AppError(code, String(error), { cause: error });
}

/** A short one-line description of any thrown value, for logs and stored failure reasons. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
