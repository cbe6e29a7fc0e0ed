import { basename } from 'node:path';
import { VaultError } from '../../../shared/errors';
import type { ImportFormat, ImportPlan, ImportPreview, ImportResult } from '../../../shared/import-views';
import { readBoundedFile } from '../fs/read-bounded';
import type { Vault } from '../vault/vault';
import { IMPORT_LIMITS } from './import-limits';
import { previewImport } from './import-preview';
import { guessImportFormat } from './guess-format';
import { heldImportSource, holdImportSource, releaseImportSource } from './pending-imports';
import { readImportSource } from './read-import-source';

export interface OpenImportInput {
  /** A file the admin chose; read through the bounded reader. */
  path?: string;
  /** Or the bytes of a file dropped on the window (the renderer has them already). */
  bytes?: Uint8Array;
  fileName: string;
  /** Guessed from the file when not given. */
  format?: ImportFormat;
  sourcePassword?: string;
  /** The KeePass key file the admin chose, when the database has one; read through the bounded reader. */
  keyFilePath?: string;
}

export type OpenImportOutput =
  | { importId: string; format: ImportFormat; preview: ImportPreview }
  | { needsPassword: true; format: ImportFormat };

/**
 * The app's import, step 1: read the source in main and keep it there, answering with the preview only. A KeePass
 * database without its password answers `needsPassword` so the dialog can ask for it.
 */
export async function openImport(vault: Vault, input: OpenImportInput): Promise<OpenImportOutput> {
  if ((input.path === undefined) === (input.bytes === undefined))
    throw new VaultError('INVALID_INPUT', 'Choose a file or drop one on the window.');
  const bytes =
    input.path !== undefined
      ? readBoundedFile(input.path, { maxBytes: IMPORT_LIMITS.maxFileBytes, what: 'The import file' })
      : input.bytes!;
  if (bytes.byteLength > IMPORT_LIMITS.maxFileBytes)
    throw new VaultError('INVALID_INPUT', 'The dropped file is more than the 64 MiB accepted.');
  const fileName = basename(input.fileName || input.path || 'import');
  const format = input.format ?? guessImportFormat(fileName, bytes);
  if (format === 'kdbx' && input.sourcePassword === undefined && input.keyFilePath === undefined)
    return { needsPassword: true, format };
  const keyFile =
    input.keyFilePath !== undefined
      ? readBoundedFile(input.keyFilePath, { maxBytes: IMPORT_LIMITS.maxKeyFileBytes, what: 'The key file' })
      : undefined;
  const source = await readImportSource(bytes, {
    format,
    fileName,
    ...(input.sourcePassword !== undefined ? { sourcePassword: input.sourcePassword } : {}),
    ...(keyFile ? { keyFile } : {}),
  });
  const preview = previewImport(vault, source);
  return { importId: holdImportSource(vault, source), format, preview };
}

/** Step 2, as often as the admin changes the mapping, the accounts or the selection: nothing is written. */
export function previewHeldImport(vault: Vault, importId: string, plan: ImportPlan): ImportPreview {
  return previewImport(vault, heldImportSource(vault, importId), plan);
}

/** Step 3: write the selection all or nothing; the source is dropped once written. */
export function commitHeldImport(vault: Vault, importId: string, plan: ImportPlan): ImportResult {
  const { result } = vault.useCases.importFromSource(heldImportSource(vault, importId), plan);
  releaseImportSource(vault, importId);
  return result;
}

export function closeImport(vault: Vault, importId: string): void {
  releaseImportSource(vault, importId);
}
