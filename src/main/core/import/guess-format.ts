import type { ImportFormat } from '../../../shared/import-views';

const KDBX_SIGNATURE = Buffer.from([0x03, 0xd9, 0xa2, 0x9a]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The likely format of a file the admin chose or dropped, from its first bytes and its name; the app shows the
 * guess and lets the admin change it. A CSV is told apart by its header row.
 */
export function guessImportFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const head = Buffer.from(bytes.subarray(0, 4096));
  const name = fileName.toLowerCase();
  if (head.subarray(0, 4).equals(KDBX_SIGNATURE) || name.endsWith('.kdbx')) return 'kdbx';
  if (head.subarray(0, 4).equals(ZIP_SIGNATURE) || name.endsWith('.1pux')) return '1pux';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) return 'keepass-xml';
  if (text.startsWith('{') || text.startsWith('[')) return 'bitwarden-json';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  const header = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (header.startsWith('"group","title","username","password"')) return 'keepassxc-csv';
  if (header.includes('login_password')) return 'bitwarden-csv';
  if (/^"?title"?,"?(url|website)"?,"?username"?,"?password"?/.test(header)) return '1password-csv';
  return 'csv';
}
