import type { MethodInput, MethodName, MethodOutput, TokenVaultApi } from '../../shared/api';
import type { ErrorPayload } from '../../shared/errors';

declare global {
  interface Window {
    tokenVault: TokenVaultApi;
  }
}

/** A failed call, carrying main's typed error. */
export class ApiError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
  }
  get code() {
    return this.payload.code;
  }
  /** The input field core's refusal is about, when it names one. */
  get field(): string | undefined {
    return this.payload.field;
  }
}

const lockedListeners = new Set<() => void>();

/** Called when any call says the vault is locked, so the app drops its state at once. */
export function onVaultLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

const changeListeners = new Set<(method: MethodName) => void>();

/** Called after every call that succeeded, with its method: the data layer marks stale what it changed. */
export function onCallSucceeded(listener: (method: MethodName) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Call main through the preload bridge; errors become ApiError, never raw objects. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const bridge = window.tokenVault as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  const result = (await bridge[method]!(input)) as
    { ok: true; value: MethodOutput<M> } | { ok: false; error: ErrorPayload };
  if (result.ok) {
    changeListeners.forEach((listener) => listener(method));
    return result.value;
  }
  if (result.error.code === 'VAULT_LOCKED') lockedListeners.forEach((listener) => listener());
  throw new ApiError(result.error);
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Try again.';
}
