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
  /** A 1PUX ZIP: entries and the total bytes inflated, counted while inflating. */
  maxZipEntries: 10_000,
  maxZipInflatedBytes: 256 * 1024 * 1024,
  /** KeePass key derivation a file may ask for: Argon2 memory and passes, AES-KDF rounds. */
  maxArgon2MemoryKiB: 1024 * 1024,
  maxArgon2Iterations: 100,
  maxAesKdfRounds: 200_000_000,
  /** JSON nesting (Bitwarden, 1Password). */
  maxJsonDepth: 64,
} as const;
