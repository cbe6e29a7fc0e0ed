import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoundedFile } from '../../src/main/core/fs/read-bounded';
import { VaultError } from '../../src/shared/errors';
import { makeTempDir } from '../helpers/temp-dir';

function refusal(read: () => unknown): VaultError {
  try {
    read();
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readBoundedFile', () => {
  const options = { maxBytes: 100, what: 'The value file' };

  it('reads a regular file up to its cap', () => {
    const dir = makeTempDir('tv-bounded-');
    const path = join(dir, 'at-cap');
    writeFileSync(path, Buffer.alloc(100, 0x61));
    expect(readBoundedFile(path, options).equals(Buffer.alloc(100, 0x61))).toBe(true);
    writeFileSync(join(dir, 'empty'), '');
    expect(readBoundedFile(join(dir, 'empty'), options).length).toBe(0);
  });

  it('refuses one byte over the cap with a sentence that states the cap', () => {
    const dir = makeTempDir('tv-bounded-');
    const path = join(dir, 'over-cap');
    writeFileSync(path, Buffer.alloc(101, 0x61));
    const error = refusal(() => readBoundedFile(path, options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The value file is 101 bytes, more than the 100 bytes accepted.');
  });

  it('refuses a device, a FIFO with no writer and a folder before reading', () => {
    const dir = makeTempDir('tv-bounded-');
    expect(refusal(() => readBoundedFile('/dev/zero', options)).message).toMatch(/not a regular file/);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(() => readBoundedFile(fifo, options)).message).toMatch(/not a regular file/);
    expect(refusal(() => readBoundedFile(dir, options)).message).toMatch(/is a folder/);
  });

  it('says a missing file does not exist', () => {
    const dir = makeTempDir('tv-bounded-');
    const error = refusal(() => readBoundedFile(join(dir, 'missing'), options));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('uses the caller code for a refused file', () => {
    const error = refusal(() => readBoundedFile('/dev/zero', { ...options, refusedCode: 'BUNDLE_INVALID' }));
    expect(error.code).toBe('BUNDLE_INVALID');
  });
});
