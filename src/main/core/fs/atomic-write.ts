import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { VaultError } from '../../../shared/errors';

function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; rename there is already durable enough.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function describeIoError(error: unknown, what: string): VaultError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder is read-only or not yours'
        : code === 'ENOENT'
          ? 'the folder does not exist'
          : `the system reported ${code ?? 'an error'}`;
  return new VaultError('IO', `Could not write ${what}: ${reason}. Nothing was changed.`, { cause: error });
}

/**
 * Write a file so that a crash leaves either the old or the new content, never a mix:
 * temp file in the same folder (mode 0600), fsync, rename over the target, fsync the folder.
 */
export function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { exclusive?: boolean } = {},
): void {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.exclusive) {
      // link() fails if the target exists, so an existing file is never replaced.
      linkSync(temp, target);
      rmSync(temp, { force: true });
    } else {
      renameSync(temp, target);
    }
    fsyncDirectory(dir);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new VaultError('ALREADY_EXISTS', `${basename(target)} already exists; it was not overwritten.`);
    }
    throw describeIoError(error, basename(target));
  }
}
