import { VaultError } from '../../../shared/errors';
import { isAllocationFailure, outOfMemoryError } from './allocation-failure';
import { IMPORT_LIMITS } from './import-limits';

/** JSON.parse of outside text, refused with one sentence when invalid or nested deeper than the cap. */
export function parseBoundedJson(text: string, what: string): unknown {
  let depth = 0;
  let inString = false;
  // A quick scan before parsing: JSON.parse itself has no depth limit and would overflow the stack first.
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > IMPORT_LIMITS.maxJsonDepth)
        throw new VaultError(
          'INVALID_INPUT',
          `${what} nests deeper than ${IMPORT_LIMITS.maxJsonDepth} levels.`,
        );
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (isAllocationFailure(error)) throw outOfMemoryError(what, error);
    throw new VaultError('INVALID_INPUT', `${what} is not valid JSON.`);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
