/** Metadata shapes shared by core, CLI, IPC and renderer. None of them carries a secret value. */

export const TOKEN_ROLES = ['primary', 'secondary', 'standalone'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export const TOKEN_STATUSES = ['active', 'inactive'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const EVENT_KINDS = [
  'Created',
  'Validated',
  'Invalidated',
  'Regenerated',
  'Enabled',
  'Disabled',
  'Revealed',
  'Copied',
  'Edited',
  'Mapped',
  'Unmapped',
  'ActivityRecorded',
  'HandedOff',
  'Deleted',
  'ValuesPurged',
  'AccountCreated',
  'AccountEdited',
  'AccountDeleted',
  'PasswordChanged',
  'OperatorChanged',
  'KeychainUnlockEnabled',
  'KeychainUnlockDisabled',
  'RecipientAdded',
  'RecipientEdited',
  'RecipientArchived',
  'RecipientUnarchived',
  'RecipientDeleted',
  'EndpointAdded',
  'EndpointRemoved',
  'EndpointAssigned',
  'EndpointUnassigned',
  'RecipientKeyAdded',
  'RecipientKeyReplaced',
  'RecipientKeyRemoved',
  'AgeIdentityCreated',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface Account {
  id: number;
  name: string;
  profile: string;
  notes: string;
  allowDelete: boolean;
  createdAt: string;
  tokenCount: number;
}

export interface TokenMeta {
  id: number;
  accountId: number;
  accountName: string;
  name: string;
  kind: string;
  role: TokenRole;
  description: string;
  keyId: string | null;
  status: TokenStatus;
  enabled: boolean;
  assignedTo: string | null;
  application: string | null;
  createdAt: string;
  updatedAt: string;
  generatedAt: string | null;
  lastActivityAt: string | null;
  expiresAt: string | null;
  /** Length of the secret value, so a UI can draw a mask of the right size without holding the value. */
  valueLength: number;
  previousValueCount: number;
}

export interface VaultEvent {
  seq: number;
  at: string;
  actor: string;
  kind: EventKind;
  accountId: number | null;
  tokenId: number | null;
  details: Record<string, unknown>;
}

export interface VaultInfo {
  id: string;
  path: string;
  name: string;
  operator: string;
  schemaVersion: number;
  createdAt: string;
  slots: { id: string; type: string; createdAt: string }[];
  demo: boolean;
}

export interface VerifyReport {
  ok: boolean;
  eventCount: number;
  integrity: string;
  problems: string[];
}
