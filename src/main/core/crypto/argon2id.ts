import argon2 from 'argon2';
import { performance } from 'node:perf_hooks';

export interface Argon2idParams {
  /** Memory in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** Bitwarden's defaults: the floor under which a password slot is never created. */
export const ARGON2ID_FLOOR: Argon2idParams = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 };
export const DEFAULT_KDF_TARGET_MS = 500;
const MAX_ITERATIONS = 64;

export interface Argon2idInput {
  password: Buffer;
  salt: Buffer;
  params: Argon2idParams;
  secret?: Buffer;
  associatedData?: Buffer;
  length?: number;
}

export async function argon2idRaw(input: Argon2idInput): Promise<Buffer> {
  return argon2.hash(input.password, {
    type: argon2.argon2id,
    raw: true,
    salt: input.salt,
    memoryCost: input.params.memoryKiB,
    timeCost: input.params.iterations,
    parallelism: input.params.parallelism,
    hashLength: input.length ?? 32,
    ...(input.secret ? { secret: input.secret } : {}),
    ...(input.associatedData ? { associatedData: input.associatedData } : {}),
  });
}

export function isAtLeastFloor(params: Argon2idParams): boolean {
  return (
    params.memoryKiB >= ARGON2ID_FLOOR.memoryKiB &&
    params.iterations >= ARGON2ID_FLOOR.iterations &&
    params.parallelism >= ARGON2ID_FLOOR.parallelism
  );
}

/**
 * Raise the iteration count until one derivation takes about `targetMs` on this machine, as KeePassXC tunes its
 * KDF. Memory and lanes stay at the floor; the floor is never undercut, however fast the machine.
 */
export async function calibrateArgon2id(targetMs = DEFAULT_KDF_TARGET_MS): Promise<Argon2idParams> {
  const probe = { ...ARGON2ID_FLOOR };
  const started = performance.now();
  await argon2idRaw({ password: Buffer.from('calibration'), salt: Buffer.alloc(16, 1), params: probe });
  const perIteration = (performance.now() - started) / probe.iterations;
  const iterations = Math.min(
    MAX_ITERATIONS,
    Math.max(ARGON2ID_FLOOR.iterations, Math.round(targetMs / perIteration)),
  );
  return { ...ARGON2ID_FLOOR, iterations };
}
