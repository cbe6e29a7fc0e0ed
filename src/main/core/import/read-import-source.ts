import { decodeUtf8Strictly } from '../input/strict-utf8';
import { basename } from 'node:path';
import { VaultError } from '../../../shared/errors';
import { readBoundedFile } from '../fs/read-bounded';
import { readBitwardenCsv } from './bitwarden-csv-reader';
import { readBitwardenJson } from './bitwarden-json-reader';
import { readEnvFile } from './env-reader';
import { IMPORT_LIMITS } from './import-limits';
import { IMPORT_FORMATS, type ImportFormat, type ImportSource } from './import-source';
import { readKdbx } from './kdbx-reader';
import { readKeepassXml } from './keepass-xml-reader';
import { readKeepassxcCsv } from './keepassxc-csv-reader';
import { readMappedCsv } from './mapped-csv-reader';
import { readOnePasswordCsv } from './onepassword-csv-reader';
import { readOnePux } from './onepux-reader';

export interface ReadSourceOptions {
  format: ImportFormat;
  /** The source's own password (a .kdbx); never the vault's. */
  sourcePassword?: string;
  /** A KeePass key file's bytes. */
  keyFile?: Uint8Array;
  /** The file's name: a .env file's tokens go to an account named after it. */
  fileName?: string;
}

export function parseImportFormat(text: string): ImportFormat {
  const format = IMPORT_FORMATS.find((candidate) => candidate === text);
  if (!format)
    throw new VaultError(
      'INVALID_INPUT',
      `--from is one of ${IMPORT_FORMATS.join(', ')}; "${text.slice(0, 40)}" is not.`,
    );
  return format;
}

function envAccountName(fileName: string | undefined): string {
  const name = basename(fileName ?? '.env')
    .replace(/^\.env\.?/, '')
    .replace(/\.env$/, '');
  return name || 'Environment';
}

/** Reads a source held in memory (a file read by readImportFile, or a file dropped on the app's window). */
export async function readImportSource(bytes: Uint8Array, options: ReadSourceOptions): Promise<ImportSource> {
  // Checked, not repaired: a stray byte would otherwise become U+FFFD and the stored value differ from the file's.
  const text = () => decodeUtf8Strictly(bytes, 'The import file');
  switch (options.format) {
    case 'kdbx':
      if (options.sourcePassword === undefined && !options.keyFile)
        throw new VaultError(
          'INVALID_INPUT',
          'A KeePass database needs its password (--source-password-file) or its key file.',
        );
      return readKdbx(bytes, { password: options.sourcePassword ?? null, keyFile: options.keyFile ?? null });
    case 'keepass-xml':
      return readKeepassXml(bytes);
    case 'keepassxc-csv':
      return readKeepassxcCsv(text());
    case 'bitwarden-json':
      return readBitwardenJson(text());
    case 'bitwarden-csv':
      return readBitwardenCsv(text());
    case '1pux':
      return readOnePux(bytes);
    case '1password-csv':
      return readOnePasswordCsv(text());
    case 'env':
      return readEnvFile(text(), envAccountName(options.fileName));
    case 'csv':
      return readMappedCsv(text());
  }
}

/** Reads the file through the one bounded reader (regular files only, at most IMPORT_LIMITS.maxFileBytes). */
export async function readImportFile(
  path: string,
  options: Omit<ReadSourceOptions, 'fileName'> & { keyFilePath?: string },
): Promise<ImportSource> {
  const bytes = readBoundedFile(path, { maxBytes: IMPORT_LIMITS.maxFileBytes, what: 'The import file' });
  const keyFile = options.keyFilePath
    ? readBoundedFile(options.keyFilePath, { maxBytes: IMPORT_LIMITS.maxKeyFileBytes, what: 'The key file' })
    : options.keyFile;
  return readImportSource(bytes, { ...options, ...(keyFile ? { keyFile } : {}), fileName: basename(path) });
}
