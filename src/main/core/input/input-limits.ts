/**
 * The largest input each command reads, in bytes, stated in docs/cli.md. Every read stops one byte past its cap,
 * so a hostile file or pipe (/dev/zero, a endless stream) costs at most this much memory.
 */

/** A token value (file or standard input): the value itself is at most 16,384 characters of up to 4 bytes each. */
export const VALUE_INPUT_MAX_BYTES = 64 * 1024;

/** A master password or recovery key file: its first line is the secret; far more than any real one. */
export const PASSWORD_FILE_MAX_BYTES = 4 * 1024;

/** A `token import` file (JSON or CSV): room for some 200,000 tokens. */
export const IMPORT_FILE_MAX_BYTES = 64 * 1024 * 1024;
