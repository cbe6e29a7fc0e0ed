import type { z } from 'zod';
import { api, type MethodName, type Result } from '../../shared/api';
import { describeZodError } from '../../shared/inputs';
import { storageErrorToVaultError } from '../core/db/storage-error';
import type { SessionController } from '../session/session-controller';
import { handlers } from './handlers';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

const MAX_MESSAGE_LENGTH = 300;

/**
 * The sentence for a refused input. zod names unrecognised keys in its message, so a hostile caller could make the
 * error as large as its own input: unknown keys get a fixed sentence, and anything long falls back to a generic one.
 */
function invalidInputMessage(error: z.ZodError): string {
  if (error.issues[0]?.code === 'unrecognized_keys')
    return 'The request has a field Token Vault does not accept.';
  const message = describeZodError(error);
  return message.length <= MAX_MESSAGE_LENGTH ? message : 'The input is not valid.';
}

function isMethodName(method: string): method is MethodName {
  // Own keys only, so '__proto__', 'constructor' or 'toString' never reach a handler.
  return (
    Object.prototype.hasOwnProperty.call(api, method) &&
    Object.prototype.hasOwnProperty.call(handlers, method)
  );
}

/**
 * The one entry point behind every IPC channel (and the test harness): validate, call, and turn every outcome
 * into a Result. Thrown objects never cross; an unexpected error becomes a generic sentence with no details.
 */
export function createDispatcher(session: SessionController): Dispatch {
  return async (method, input) => {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown request.' } };
    }
    const parsed = api[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: invalidInputMessage(parsed.error) } };
    }
    try {
      const handler = handlers[method] as (s: SessionController, i: unknown) => unknown;
      return { ok: true, value: await handler(session, parsed.data) };
    } catch (error) {
      const known = storageErrorToVaultError(error);
      if (known) return { ok: false, error: known.toPayload() };
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message:
            'Something went wrong inside Token Vault; the action did not complete. Try again, or lock and unlock the vault.',
        },
      };
    }
  };
}
