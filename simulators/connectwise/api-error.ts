/**
 * An answer the API gives instead of data, with ConnectWise's error body: `{code, message}`, plus `errors`
 * (per-field details) on 400s, as the vendor's validation errors carry them.
 */
export interface ApiErrorDetail {
  code: string;
  message: string;
  resource?: string;
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: ApiErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): Record<string, unknown> {
    return this.errors
      ? { code: this.code, message: this.message, errors: this.errors }
      : { code: this.code, message: this.message };
  }
}

export function badRequest(message: string, field?: string, code = 'InvalidObject'): ApiError {
  return new ApiError(400, code, message, field ? [{ code, message, resource: 'query', field }] : undefined);
}
