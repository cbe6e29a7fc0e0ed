import { VaultError } from '../../../shared/errors';
import { isAllocationFailure, outOfMemoryError } from './allocation-failure';
import { IMPORT_LIMITS } from './import-limits';

/** A key written twice in one object, and the line of the second. */
interface RepeatedKey {
  key: string;
  line: number;
}

/** The key text of a JSON string token (quotes included): escapes decoded, so "a" and "\u0061" are one key. */
function keyOf(token: string): string {
  return token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
}

/**
 * One pass over the text before parsing: the depth is checked (JSON.parse itself has no depth limit and would
 * overflow the stack first), and the first key repeated in one object is found. JSON.parse keeps the last of two
 * values silently, other readers the first; the text is only trusted to mean one thing if no key repeats.
 */
function scan(text: string, what: string): RepeatedKey | null {
  // One entry per open container: the keys of an object, or null for an array.
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  let repeated: RepeatedKey | null = null;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22) {
      const start = i;
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 0x5c) i++;
        else if (inner === 0x22) break;
      }
      const keys = open[open.length - 1];
      if (expectKey && keys && !repeated) {
        const key = keyOf(text.slice(start, i + 1));
        if (keys.has(key)) repeated = { key, line };
        keys.add(key);
      }
      expectKey = false;
    } else if (char === 0x0a) line++;
    else if (char === 0x7b || char === 0x5b) {
      if (open.length >= IMPORT_LIMITS.maxJsonDepth)
        throw new VaultError(
          'INVALID_INPUT',
          `${what} nests deeper than ${IMPORT_LIMITS.maxJsonDepth} levels.`,
        );
      open.push(char === 0x7b ? new Set() : null);
      expectKey = char === 0x7b;
    } else if (char === 0x7d || char === 0x5d) {
      open.pop();
      expectKey = false;
    } else if (char === 0x2c) expectKey = open[open.length - 1] != null;
  }
  return repeated;
}

/**
 * JSON.parse of outside text, refused with one sentence when invalid, nested deeper than the cap, or when one
 * object holds a key twice.
 */
export function parseBoundedJson(text: string, what: string): unknown {
  let repeated: RepeatedKey | null;
  let parsed: unknown;
  try {
    repeated = scan(text, what);
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof VaultError) throw error;
    if (isAllocationFailure(error)) throw outOfMemoryError(what, error);
    throw new VaultError('INVALID_INPUT', `${what} is not valid JSON.`);
  }
  if (repeated)
    throw new VaultError(
      'INVALID_INPUT',
      `${what} has the key ${JSON.stringify(repeated.key.slice(0, 60))} twice in one object (line ${repeated.line}), so which value is meant cannot be told; it is refused.`,
    );
  return parsed;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
