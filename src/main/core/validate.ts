import type { z } from 'zod';
import { VaultError } from '../../shared/errors';
import { describeZodError } from '../../shared/inputs';

/** Parse untrusted input with a shared schema; a failure is a typed INVALID_INPUT error, never a throw of zod's. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new VaultError('INVALID_INPUT', describeZodError(result.error));
  return result.data;
}
