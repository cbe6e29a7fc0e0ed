/**
 * Every failure the product reports is one of these codes, with a sentence a user understands.
 * The message never contains a secret value: callers build it from names and ids only.
 */
export const ERROR_CODES = [
  'WRONG_PASSWORD',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'WEAK_PASSWORD',
  'POLICY',
  'INVALID_INPUT',
  'VAULT_IN_USE',
  'VAULT_CORRUPT',
  'VAULT_TOO_NEW',
  'VAULT_LOCKED',
  'KEYCHAIN_UNAVAILABLE',
  'BUNDLE_INVALID',
  'IO',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** The input field the refusal is about (a token draft's `assignedTo`, `keyId`, ...), when it is about one. */
  field?: string;
}

export class VaultError extends Error {
  readonly code: ErrorCode;
  /** The input field the refusal names, so a form can mark that field; absent when it is about no one field. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options);
    this.name = 'VaultError';
    this.code = code;
    this.field = options?.field;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/** CLI exit codes, a stable contract documented in docs/cli.md. */
export const EXIT_CODE_BY_ERROR: Record<ErrorCode, number> = {
  WRONG_PASSWORD: 3,
  NOT_FOUND: 4,
  ALREADY_EXISTS: 1,
  WEAK_PASSWORD: 5,
  POLICY: 5,
  INVALID_INPUT: 2,
  VAULT_IN_USE: 6,
  VAULT_CORRUPT: 6,
  VAULT_TOO_NEW: 6,
  VAULT_LOCKED: 1,
  KEYCHAIN_UNAVAILABLE: 1,
  BUNDLE_INVALID: 6,
  IO: 1,
  FORBIDDEN: 1,
  INTERNAL: 1,
};
