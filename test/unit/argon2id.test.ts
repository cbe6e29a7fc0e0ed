import { describe, expect, it } from 'vitest';
import {
  argon2idRaw,
  ARGON2ID_FLOOR,
  calibrateArgon2id,
  isAtLeastFloor,
} from '../../src/main/core/crypto/argon2id';

describe('argon2idRaw', () => {
  it('matches the Argon2id test vector of RFC 9106 section 5.3', async () => {
    const tag = await argon2idRaw({
      password: Buffer.alloc(32, 0x01),
      salt: Buffer.alloc(16, 0x02),
      secret: Buffer.alloc(8, 0x03),
      associatedData: Buffer.alloc(12, 0x04),
      params: { memoryKiB: 32, iterations: 3, parallelism: 4 },
      length: 32,
    });
    expect(tag.toString('hex')).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
  });

  it('depends on every input: password, salt and each parameter change the output', async () => {
    const base = {
      password: Buffer.from('pw'),
      salt: Buffer.alloc(16, 7),
      params: { memoryKiB: 64, iterations: 1, parallelism: 1 },
    };
    const reference = await argon2idRaw(base);
    expect(reference).toHaveLength(32);
    expect(await argon2idRaw(base)).toEqual(reference);
    const variants = await Promise.all([
      argon2idRaw({ ...base, password: Buffer.from('pw2') }),
      argon2idRaw({ ...base, salt: Buffer.alloc(16, 8) }),
      argon2idRaw({ ...base, params: { ...base.params, memoryKiB: 128 } }),
      argon2idRaw({ ...base, params: { ...base.params, iterations: 2 } }),
      argon2idRaw({ ...base, params: { ...base.params, parallelism: 2 } }),
    ]);
    for (const variant of variants) expect(variant.equals(reference)).toBe(false);
  });

  it('never calibrates below the floor (Bitwarden defaults: 64 MiB, t = 3, p = 4)', async () => {
    expect(ARGON2ID_FLOOR).toEqual({ memoryKiB: 65536, iterations: 3, parallelism: 4 });
    const fastest = await calibrateArgon2id(0);
    expect(fastest).toEqual(ARGON2ID_FLOOR);
    expect(isAtLeastFloor(fastest)).toBe(true);
    expect(isAtLeastFloor({ ...ARGON2ID_FLOOR, memoryKiB: 32768 })).toBe(false);
    expect(isAtLeastFloor({ ...ARGON2ID_FLOOR, iterations: 2 })).toBe(false);
  });
});
