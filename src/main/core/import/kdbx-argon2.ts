import argon2 from 'argon2';
import * as kdbxweb from 'kdbxweb';
import { isAllocationFailure } from './allocation-failure';
import { assertKdfWithinBudget, kdfOutOfMemoryError } from './kdbx-kdf-budget';

let installed = false;

const WHAT = 'The KeePass database';

/**
 * kdbxweb ships no Argon2; it is given the `argon2` package the vault itself uses (src/main/core/crypto/argon2id.ts).
 * src/main/core/import/kdbx-reader.ts checks the header's cost before loading; the same budget is checked here
 * again, on the very figures kdbxweb passes, so no path derives past it.
 */
export function installKdbxArgon2(): void {
  if (installed) return;
  installed = true;
  kdbxweb.CryptoEngine.setArgon2Impl(
    async (password, salt, memoryKiB, iterations, length, parallelism, type, version) => {
      assertKdfWithinBudget({ kdf: 'argon2', memoryKiB, iterations, parallelism }, WHAT);
      let hash: Buffer;
      try {
        hash = await argon2.hash(Buffer.from(password), {
          type: type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? argon2.argon2id : argon2.argon2d,
          version,
          raw: true,
          salt: Buffer.from(salt),
          memoryCost: memoryKiB,
          timeCost: iterations,
          parallelism,
          hashLength: length,
        });
      } catch (error) {
        if (isAllocationFailure(error)) throw kdfOutOfMemoryError(memoryKiB, WHAT, error);
        throw error;
      }
      return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
    },
  );
}
