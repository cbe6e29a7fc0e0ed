/**
 * What an import looks like outside core (src/main/core/import/): formats, the admin's plan, and the preview, which
 * carries masks and lengths but never a value. Shared by core, the CLI, IPC and the renderer.
 */
import { z } from 'zod';
import type { TokenRole } from './model';

export const IMPORT_FORMATS = [
  'kdbx',
  'keepassxc-csv',
  'keepass-xml',
  'bitwarden-json',
  'bitwarden-csv',
  '1pux',
  '1password-csv',
  'env',
  'csv',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  kdbx: 'KeePass database (.kdbx)',
  'keepassxc-csv': 'KeePassXC CSV export',
  'keepass-xml': 'KeePass 2 XML export',
  'bitwarden-json': 'Bitwarden JSON export',
  'bitwarden-csv': 'Bitwarden CSV export',
  '1pux': '1Password export (.1pux)',
  '1password-csv': '1Password CSV export',
  env: '.env file',
  csv: 'CSV spreadsheet',
};

/** The token fields a source column can fill. */
export const TOKEN_FIELDS = [
  'account',
  'name',
  'value',
  'kind',
  'role',
  'description',
  'keyId',
  'assignedTo',
  'application',
  'expiresAt',
] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

export const TOKEN_FIELD_LABELS: Record<TokenField, string> = {
  account: 'Account',
  name: 'Name',
  value: 'Value (secret)',
  kind: 'Kind',
  role: 'Role',
  description: 'Description',
  keyId: 'Key id',
  assignedTo: 'Assigned to',
  application: 'Application',
  expiresAt: 'Expires',
};

/** Token field -> source column. */
export type FieldMapping = Partial<Record<TokenField, string>>;

const columnName = z.string().max(200);

export const importPlanSchema = z.strictObject({
  /** Changes to the source's default mapping (token field -> column; "" unmaps). */
  mapping: z.partialRecord(z.enum(TOKEN_FIELDS), columnName).optional(),
  /** Every row goes to this account (name or id); created when no account has that name. */
  account: z.string().max(200).optional(),
  /** The profile of accounts the import creates (default generic). */
  newAccountProfile: z.string().min(1).max(40).optional(),
  /** Per new account name, its profile (overrides newAccountProfile). */
  accountProfiles: z.record(z.string().max(200), z.string().min(1).max(40)).optional(),
  /** Row numbers (1-based) to write; default: every row without a refusal and not a duplicate. */
  selection: z.array(z.number().int().min(1).max(10_000_000)).max(1_000_000).optional(),
  /** Without a selection: also the rows whose value the vault or an earlier row already holds. */
  includeDuplicates: z.boolean().optional(),
});
export type ImportPlan = z.input<typeof importPlanSchema>;

export interface ImportPreviewRow {
  row: number;
  selected: boolean;
  account: string;
  accountId: number | null;
  profile: string;
  kind: string;
  role: TokenRole;
  name: string;
  keyId: string | null;
  assignedTo: string | null;
  description: string;
  expiresAt: string | null;
  /** A mask as long as the value (at most 16 dots): the value itself never leaves core. */
  valueMask: string;
  valueLength: number;
  /** Why this row cannot be written (a profile rule or an invalid field), or null. */
  refusal: string | null;
  /** The token or row already holding the same value, or null; the value is never shown. */
  duplicate: string | null;
}

export interface ImportPreviewAccount {
  name: string;
  id: number | null;
  profile: string;
  isNew: boolean;
  rows: number;
  selected: number;
}

export interface ImportPreview {
  format: ImportFormat;
  formatLabel: string;
  columns: { name: string; secret: boolean }[];
  mapping: FieldMapping;
  accounts: ImportPreviewAccount[];
  rows: ImportPreviewRow[];
  counts: { rows: number; selected: number; refused: number; duplicates: number };
  notes: string[];
}

export interface ImportResult {
  imported: number;
  accountsCreated: string[];
  /** Rows left out (not selected), with why when they had a problem. */
  skipped: { row: number; reason: string }[];
}
