import { extname } from 'node:path';
import type { OpenPurpose } from '../session/platform-services';

interface DialogFilter {
  name: string;
  extensions: string[];
}

const ALL_FILES: DialogFilter = { name: 'All files', extensions: ['*'] };

/** By the suggested file's extension: what the file is, for the dialog's title and its type filter. */
const SAVED_KINDS: Record<string, { title: string; filter: DialogFilter }> = {
  '.zip': { title: 'Save the handoff bundle', filter: { name: 'ZIP archive', extensions: ['zip'] } },
  '.age': { title: 'Save the handoff bundle', filter: { name: 'age-encrypted file', extensions: ['age'] } },
  '.md': { title: 'Save the rotation checklist', filter: { name: 'Markdown', extensions: ['md'] } },
  '.html': { title: 'Save the rotation checklist', filter: { name: 'Web page', extensions: ['html'] } },
  '.txt': { title: 'Save the emergency kit', filter: { name: 'Text file', extensions: ['txt'] } },
};

/** Title and filters of a save dialog for a file named like `suggestedName` (a bundle, a checklist, a kit). */
export function saveDialogOptions(suggestedName: string): { title: string; filters: DialogFilter[] } {
  const kind = SAVED_KINDS[extname(suggestedName).toLowerCase()];
  return kind
    ? { title: kind.title, filters: [kind.filter, ALL_FILES] }
    : { title: 'Save', filters: [ALL_FILES] };
}

/**
 * Title and filters of an open dialog. A bundle is a `.zip` or an `.age` file; an import takes every format of
 * docs/import-formats.md (and any name, since exports are often renamed).
 */
export function openDialogOptions(purpose: OpenPurpose): { title: string; filters: DialogFilter[] } {
  if (purpose === 'bundle')
    return {
      title: 'Open a handoff bundle',
      filters: [{ name: 'Handoff bundle (.zip, .age)', extensions: ['zip', 'age'] }, ALL_FILES],
    };
  if (purpose === 'key-file')
    return {
      title: 'Choose the key file of the KeePass database',
      filters: [{ name: 'KeePass key file (.keyx, .key)', extensions: ['keyx', 'key'] }, ALL_FILES],
    };
  return {
    title: 'Import tokens from a file',
    filters: [
      {
        name: 'Password manager exports, .env and spreadsheets',
        extensions: ['kdbx', 'csv', 'xml', 'json', '1pux', 'env', 'txt'],
      },
      ALL_FILES,
    ],
  };
}
