import { IMPORT_FILE_MAX_BYTES } from '../input/input-limits';

/** The bounds of every import read (documented in docs/cli.md, "Import limits"). */
export const IMPORT_LIMITS = {
  /** Text exports (CSV, XML, JSON, .env) and KeePass databases. */
  maxFileBytes: IMPORT_FILE_MAX_BYTES,
  /** Candidate tokens in one source. */
  maxRows: 100_000,
  /** Columns of a CSV. */
  maxColumns: 200,
  /** One CSV field or JSON string (a token value is at most 16 KiB; notes may be longer). */
  maxFieldBytes: 1024 * 1024,
  /** A KeePass key file (real ones are a few hundred bytes: XML, 32 or 64 bytes, or any file hashed). */
  maxKeyFileBytes: 1024 * 1024,
  /**
   * A 1PUX ZIP: entries, and the bytes export.data inflates to, counted while inflating. Real exports are a few
   * MB; reading export.data costs about three times its size (chunks, the joined buffer, the decoded text, then the
   * parsed objects), so 64 MiB keeps the peak far under what a 256 MiB cap cost (0.9 GB).
   */
  maxZipEntries: 10_000,
  maxZipInflatedBytes: 64 * 1024 * 1024,
  /**
   * KeePass key derivation a file may ask for, checked before deriving (src/main/core/import/kdbx-kdf-budget.ts).
   * The work of Argon2 is its memory times its passes (parallelism splits that work, it does not add to it), so the
   * budget bounds the product: 256 MiB x 16 passes derived in 3.1 s on a 2-core machine. KeePassXC's defaults
   * (64 MiB, passes benchmarked to 1 s, one lane per core) fit. AES-KDF in kdbxweb took 8.1 s for the cap on the
   * same machine, where KeePassXC's own 1 s benchmark wrote 52-61 million rounds.
   */
  maxArgon2MemoryKiB: 256 * 1024,
  maxArgon2Iterations: 100,
  maxArgon2Parallelism: 64,
  maxArgon2MemoryTimesPassesKiB: 4096 * 1024,
  maxAesKdfRounds: 100_000_000,
  /** JSON nesting (Bitwarden, 1Password). */
  maxJsonDepth: 64,
} as const;
