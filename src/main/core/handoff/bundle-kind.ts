import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isAgeFile } from './age-bundle';

const START_BYTES = 64;

/**
 * Which key a bundle file needs, told from its first bytes and not its name (an age file renamed `.zip`, a ZIP named
 * `.age`): `age` for this vault's age key, `zip` for a password. Null when it cannot be read now (missing, a folder,
 * a pipe): opening it then says why, in openBundleFile's sentence.
 */
export function bundleKindOf(path: string): 'age' | 'zip' | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    const start = Buffer.alloc(START_BYTES);
    return isAgeFile(start.subarray(0, readSync(fd, start, 0, START_BYTES, 0))) ? 'age' : 'zip';
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
