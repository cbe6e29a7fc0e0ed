import argon2 from 'argon2';
import * as kdbxweb from 'kdbxweb';
import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';

let installed = false;

/**
 * kdbxweb ships no Argon2; it is given the `argon2` package the vault itself uses (src/main/core/crypto/argon2id.ts).
 * The cost a file asks for is checked first, so a hostile database cannot demand gigabytes or hours.
 */
export function installKdbxArgon2(): void {
  if (installed) return;
  installed = true;
  kdbxweb.CryptoEngine.setArgon2Impl(
    async (password, salt, memoryKiB, iterations, length, parallelism, type, version) => {
      if (memoryKiB > IMPORT_LIMITS.maxArgon2MemoryKiB || iterations > IMPORT_LIMITS.maxArgon2Iterations) {
        throw new VaultError(
          'INVALID_INPUT',
          `The database asks for a key derivation of ${Math.round(memoryKiB / 1024)} MiB and ${iterations} passes, more than the ${IMPORT_LIMITS.maxArgon2MemoryKiB / 1024} MiB and ${IMPORT_LIMITS.maxArgon2Iterations} passes accepted.`,
        );
      }
      const hash = await argon2.hash(Buffer.from(password), {
        type: type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? argon2.argon2id : argon2.argon2d,
        version,
        raw: true,
        salt: Buffer.from(salt),
        memoryCost: memoryKiB,
        timeCost: iterations,
        parallelism,
        hashLength: length,
      });
      return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
    },
  );
}
