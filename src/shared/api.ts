/**
 * The IPC contract (docs/architecture.md): method name -> zod input schema + output type.
 * Main registers a handler for every method (the compiler fails if one is missing), preload exposes
 * `window.tokenVault.<method>(input)` from METHOD_NAMES, and the renderer is typed from `TokenVaultApi`.
 * List/read methods return metadata only; a secret crosses only through `revealToken`, which records an event.
 */
import { z } from 'zod';
import type { ErrorPayload } from './errors';
import {
  accountCreateSchema,
  accountUpdateSchema,
  idSchema,
  tokenCreateSchema,
  tokenListQuerySchema,
  tokenUpdateSchema,
} from './inputs';
import type { Account, TokenMeta, VaultEvent, VaultInfo, VerifyReport } from './model';
import { HTTP_METHODS } from './profiles';
import type { Endpoint, HealthReport, TokenLink, TokenState, TokenUsage } from './token-views';
import { isoDateSchema, secretValueSchema, singleLine } from './text-rules';
import { HANDOFF_FIELDS } from './handoff-format';
import type { EngagementPlanSummary, HandoffRecord, OpenedBundleView } from './handoff-views';
import type { AgeKeyView, VaultIdentityQrView } from './age-views';
import {
  recipientCreateSchema,
  recipientPatchSchema,
  type Holder,
  type Holding,
  type Recipient,
  type RecipientDeletion,
} from './recipient-views';
import { CHANNEL_PREFIX } from './method-names';
import { ROTATION_OUTCOMES, type RotationPlanSummary, type RotationPlanView } from './rotation-views';
import {
  IMPORT_FORMATS,
  importPlanSchema,
  type ImportFormat,
  type ImportPreview,
  type ImportResult,
} from './import-views';

/** Phantom marker carrying an output type at the type level only. */
function output<T>(): T {
  return undefined as T;
}

const none = z.strictObject({});
const byId = z.strictObject({ id: idSchema });
const folderPath = z
  .string()
  .min(1, 'Choose a folder.')
  .max(4096)
  .refine((s) => !s.includes('\u0000'), 'The path is not valid.');
const mappingPair = z.strictObject({ secondaryId: idSchema, primaryId: idSchema });
const endpointMethod = z.strictObject({
  endpointId: idSchema,
  method: z.enum(HTTP_METHODS),
  tokenId: idSchema,
});
const importId = z.strictObject({ importId: z.string().uuid() });
/** A dropped file crosses as base64: 64 MiB of file is at most this many characters. */
const DROPPED_FILE_MAX_BASE64 = Math.ceil((64 * 1024 * 1024) / 3) * 4;
const passwordField = z
  .string()
  .min(1, 'Type the password.')
  .max(1024, 'The password is longer than 1,024 characters.');

export type KeychainStatus = 'disabled' | 'enabled' | 'stale' | 'unavailable' | 'no-vault';

export interface AppSettings {
  autoLockMinutes: number;
  clipboardSeconds: number;
  /** Health reminds of a token not regenerated for this many days. */
  rotationDays: number;
}

export interface SessionState {
  state: 'no-vault' | 'locked' | 'unlocked';
  /** The vault folder last opened or chosen, when there is one. */
  path: string | null;
  vault: VaultInfo | null;
  settings: AppSettings;
  /** Seconds to wait before the next unlock attempt is accepted (failed-attempt back-off). */
  retryAfterSeconds: number;
}

export const settingsUpdateSchema = z.strictObject({
  operator: singleLine('The operator name', 100).optional(),
  autoLockMinutes: z.number().int().min(1).max(240).optional(),
  clipboardSeconds: z.number().int().min(5).max(600).optional(),
  rotationDays: z.number().int().min(7).max(3650).optional(),
});

export const api = {
  getSession: { input: none, output: output<SessionState>() },
  listRecentVaults: {
    input: none,
    output: output<{ path: string; name: string; exists: boolean; demo: boolean }[]>(),
  },
  /** Native folder dialog in the app; returns null when the user cancels. */
  chooseVaultFolder: {
    input: z.strictObject({
      purpose: z.enum(['create', 'open']),
      suggestedName: z.string().max(200).optional(),
    }),
    output: output<{ path: string } | null>(),
  },
  createVault: {
    input: z.strictObject({
      path: folderPath,
      password: passwordField,
      operator: singleLine('The operator name', 100),
    }),
    output: output<{ vault: VaultInfo; recoveryKey: string }>(),
  },
  unlockVault: {
    input: z.union([
      z.strictObject({ path: folderPath, password: passwordField }),
      z.strictObject({ path: folderPath, recoveryKey: z.string().min(1).max(200) }),
      z.strictObject({ path: folderPath, keychain: z.literal(true) }),
    ]),
    output: output<VaultInfo>(),
  },
  /**
   * A vault marked DEMO with one account per profile and fake tokens in every state. Its password is generated in
   * main and comes back once, to be shown on screen; the vault is left unlocked.
   */
  createDemoVault: {
    input: z.strictObject({ path: folderPath }),
    output: output<{ vault: VaultInfo; password: string; recoveryKey: string }>(),
  },
  lockVault: { input: none, output: output<{ locked: true }>() },
  /** Keychain quick unlock of the current vault: reads keyslots.json only, so it works while locked. */
  getKeychainStatus: { input: none, output: output<{ status: KeychainStatus }>() },
  setKeychainUnlock: {
    input: z.strictObject({ enabled: z.boolean() }),
    output: output<{ status: KeychainStatus }>(),
  },
  /** Tells main the user is active, so auto-lock restarts its countdown. */
  reportActivity: { input: none, output: output<{ ok: true }>() },
  changeMasterPassword: {
    input: z.strictObject({ currentPassword: passwordField, newPassword: passwordField }),
    output: output<{ changed: true }>(),
  },
  updateSettings: { input: settingsUpdateSchema, output: output<SessionState>() },
  verifyVault: { input: none, output: output<VerifyReport>() },

  listAccounts: { input: none, output: output<Account[]>() },
  createAccount: { input: accountCreateSchema, output: output<Account>() },
  updateAccount: { input: accountUpdateSchema, output: output<Account>() },
  deleteAccount: { input: byId, output: output<{ deleted: true }>() },

  listTokens: { input: tokenListQuerySchema, output: output<TokenMeta[]>() },
  getToken: { input: byId, output: output<TokenMeta>() },
  createToken: { input: tokenCreateSchema, output: output<TokenMeta>() },
  updateToken: { input: tokenUpdateSchema, output: output<TokenMeta>() },
  /** Refused with a POLICY error naming where the token is used, unless `force` (the user confirmed). */
  deleteToken: {
    input: z.strictObject({ id: idSchema, force: z.boolean().optional() }),
    output: output<{ deleted: true }>(),
  },
  /**
   * Effective state now of every token that has a clock (inactivity rule or expiry date): limits, days left,
   * attention phrases for the list. A token absent from the answer is simply as its stored fields say.
   */
  tokenStates: { input: none, output: output<TokenState[]>() },
  /**
   * The ids "Hide unassigned" hides: secondaries that serve no endpoint method, neither themselves nor through an
   * enabled mapping to a primary that serves one.
   */
  unassignedTokenIds: { input: none, output: output<number[]>() },
  /** Where a token is used (handed off, mapped, serving an endpoint): shown before a reset or delete. */
  tokenUsage: { input: byId, output: output<TokenUsage>() },
  /** New value (the one the platform issued, or generated in the profile's shape); the old one is kept. */
  regenerateToken: {
    input: z.strictObject({
      id: idSchema,
      value: secretValueSchema.optional(),
      force: z.boolean().optional(),
    }),
    output: output<TokenMeta>(),
  },
  setTokenStatus: {
    input: z.strictObject({ id: idSchema, status: z.enum(['active', 'inactive']) }),
    output: output<TokenMeta>(),
  },
  setTokenEnabled: {
    input: z.strictObject({ id: idSchema, enabled: z.boolean() }),
    output: output<TokenMeta>(),
  },
  recordTokenActivity: {
    input: z.strictObject({ id: idSchema, at: isoDateSchema.optional() }),
    output: output<TokenMeta>(),
  },
  setTokenExpiry: {
    input: z.strictObject({ id: idSchema, expiresAt: isoDateSchema.nullable() }),
    output: output<TokenMeta>(),
  },
  purgePreviousValues: { input: byId, output: output<TokenMeta>() },
  /** The values a Regenerate kept, newest first, without the values. */
  listEarlierValues: { input: byId, output: output<{ id: number; replacedAt: string }[]>() },
  /** One earlier value (a secret, like revealToken); recorded as a reveal. */
  revealEarlierValue: {
    input: z.strictObject({ id: idSchema, valueId: idSchema }),
    output: output<{ value: string }>(),
  },
  /** An earlier value becomes the current one again; refused for a token in use unless `force`. */
  restoreEarlierValue: {
    input: z.strictObject({ id: idSchema, valueId: idSchema, force: z.boolean().optional() }),
    output: output<TokenMeta>(),
  },
  listLinks: { input: z.strictObject({ accountId: idSchema.optional() }), output: output<TokenLink[]>() },
  mapToken: { input: mappingPair, output: output<TokenLink>() },
  unmapToken: { input: mappingPair, output: output<{ unmapped: true }>() },
  setMappingEnabled: {
    input: mappingPair.extend({ enabled: z.boolean() }),
    output: output<TokenLink>(),
  },
  listEndpoints: { input: z.strictObject({ accountId: idSchema.optional() }), output: output<Endpoint[]>() },
  addEndpoint: {
    input: z.strictObject({ accountId: idSchema, name: singleLine('The endpoint name') }),
    output: output<Endpoint>(),
  },
  /** The endpoint and what it served go; the tokens stay, each with an EndpointUnassigned event. */
  removeEndpoint: {
    input: z.strictObject({ endpointId: idSchema }),
    output: output<{ removed: true; endpoint: string }>(),
  },
  assignEndpoint: { input: endpointMethod, output: output<Endpoint>() },
  unassignEndpoint: { input: endpointMethod, output: output<Endpoint>() },
  /** "What needs my attention": shown after unlock and as its own view. */
  healthReport: { input: none, output: output<HealthReport>() },
  /** The one method that returns a secret; records a Revealed event. */
  revealToken: { input: byId, output: output<{ value: string }>() },
  /** Main copies the value to the clipboard and clears it later; the renderer never sees the value. */
  copyToken: { input: byId, output: output<{ clearsAfterSeconds: number }>() },
  tokenHistory: { input: byId, output: output<VaultEvent[]>() },

  listRecipients: { input: none, output: output<RecipientView[]>() },
  createRecipient: { input: recipientCreateSchema, output: output<RecipientView>() },
  updateRecipient: {
    input: recipientPatchSchema.extend({ id: idSchema }),
    output: output<RecipientView>(),
  },
  /** Refused while handoffs reference the recipient, unless it was archived first (then kept as a record). */
  deleteRecipient: { input: byId, output: output<RecipientDeletion>() },
  /** Native save dialog for the bundle; null when cancelled. */
  chooseBundleFile: {
    input: z.strictObject({ suggestedName: z.string().max(200) }),
    output: output<{ path: string } | null>(),
  },
  /**
   * Write the bundle with a password generated in main. The password comes back once, to be shown (with a QR code)
   * and sent by another channel; it is never stored.
   */
  exportHandoff: {
    input: z.strictObject({
      recipientId: idSchema,
      tokenIds: z.array(idSchema).min(1, 'Choose at least one token.').max(10_000),
      fields: z.array(z.enum(HANDOFF_FIELDS)).min(1, 'Choose at least one field.'),
      outPath: folderPath,
      channel: z.enum(['sms', 'whatsapp', 'phone', 'other']),
    }),
    output: output<{ handoff: HandoffView; password: string; entropyBits: number; qrSvg: string }>(),
  },
  /** Copy the bundle password just shown; cleared like any copied secret. */
  copyBundlePassword: {
    input: z.strictObject({ password: z.string().min(1).max(400) }),
    output: output<{ clearsAfterSeconds: number }>(),
  },
  /** A token's key id (not secret: ON24's token key, Emplifi's site key) to the clipboard. */
  copyKeyId: { input: byId, output: output<{ clearsAfterSeconds: number }>() },
  /** The recovery key shown once after creating a vault, copied like a token value (cleared later). */
  copyRecoveryKey: {
    input: z.strictObject({ recoveryKey: z.string().min(1).max(400) }),
    output: output<{ clearsAfterSeconds: number }>(),
  },
  /** Save the emergency kit (the recovery key and how to use it) as a text file the admin chooses; null if cancelled. */
  saveRecoveryKit: {
    input: z.strictObject({
      recoveryKey: z.string().min(1).max(400),
      vaultPath: z.string().max(4096).optional(),
    }),
    output: output<{ path: string } | null>(),
  },
  listHandoffs: { input: none, output: output<HandoffView[]>() },
  tokenHolders: { input: byId, output: output<Holder[]>() },
  recipientHoldings: { input: byId, output: output<Holding[]>() },
  /**
   * What ending the engagement would touch (nothing changes): the tokens whose current value they hold, and the
   * recipient's unfinished rotation plan, which is resumed rather than started twice.
   */
  planEngagementEnd: {
    input: byId,
    output: output<EngagementPlanSummary & { unfinishedPlan: RotationPlanSummary | null }>(),
  },
  setRecipientArchived: {
    input: z.strictObject({ id: idSchema, archived: z.boolean() }),
    output: output<RecipientView>(),
  },
  /** Rotation plans: one step per token to rotate on its platform; each step records what was done there. */
  listRotationPlans: { input: none, output: output<RotationPlanSummary[]>() },
  getRotationPlan: { input: byId, output: output<RotationPlanView>() },
  /** Engagement ended (a recipient) or "Rotate..." (chosen tokens). */
  startRotationPlan: {
    input: z.union([
      z.strictObject({ recipientId: idSchema }),
      z.strictObject({ tokenIds: z.array(idSchema).min(1, 'Choose at least one token.').max(10_000) }),
    ]),
    output: output<RotationPlanView>(),
  },
  /** The one rotation method that carries a secret: the value the platform issued, to be stored. */
  recordRotationStep: {
    input: z.strictObject({
      planId: idSchema,
      tokenId: idSchema,
      outcome: z.enum(ROTATION_OUTCOMES),
      value: secretValueSchema.optional(),
    }),
    output: output<RotationPlanView>(),
  },
  /** Write the plan as a checklist (.md or printable .html), never over an existing file; no secret in it. */
  exportRotationPlan: {
    input: z.strictObject({ planId: idSchema, outPath: folderPath }),
    output: output<{ path: string; format: 'markdown' | 'html' }>(),
  },
  /** Open a bundle (file dialog in main) and show its tokens without values, or import them into an account. */
  /** The picked file, and which key it needs, told by main from its first bytes (null: it cannot be read now). */
  chooseBundleToOpen: {
    input: none,
    output: output<{ path: string; kind: 'age' | 'zip' | null } | null>(),
  },
  openBundle: {
    input: z.strictObject({
      path: folderPath,
      password: z.string().min(1).max(400),
      importIntoAccountId: idSchema.optional(),
    }),
    output: output<OpenedBundleView>(),
  },
  /** A recipient's age keys: the current one (or null) and every earlier one, newest first. */
  getRecipientKeys: {
    input: byId,
    output: output<{ current: AgeKeyView | null; history: AgeKeyView[] }>(),
  },
  /** Add the pasted age public key, or replace the current one (kept, retired); a history event either way. */
  setRecipientKey: {
    input: z.strictObject({ id: idSchema, publicKey: z.string().max(400) }),
    output: output<{ key: AgeKeyView; replaced: AgeKeyView | null }>(),
  },
  removeRecipientKey: { input: byId, output: output<AgeKeyView>() },
  /** Write a bundle encrypted to the recipient's current age key: no password is generated or sent. */
  exportHandoffToKey: {
    input: z.strictObject({
      recipientId: idSchema,
      tokenIds: z.array(idSchema).min(1, 'Choose at least one token.').max(10_000),
      fields: z.array(z.enum(HANDOFF_FIELDS)).min(1, 'Choose at least one field.'),
      outPath: folderPath,
      armor: z.boolean(),
    }),
    output: output<{ handoff: HandoffView }>(),
  },
  /** This vault's age key for receiving (public side only, with a QR code), or null before it is made. */
  getVaultIdentity: { input: none, output: output<VaultIdentityQrView | null>() },
  createVaultIdentity: { input: none, output: output<VaultIdentityQrView>() },
  /** Copy the vault's age public key, to paste into a message to the client. */
  copyVaultPublicKey: { input: none, output: output<{ clearsAfterSeconds: number }>() },
  /** Open an age bundle with this vault's age key; show its tokens without values, or import them. */
  openAgeBundle: {
    input: z.strictObject({ path: folderPath, importIntoAccountId: idSchema.optional() }),
    output: output<OpenedBundleView>(),
  },
  /** Import from KeePass, Bitwarden, 1Password, .env or CSV: a native open dialog; null when cancelled. */
  chooseImportFile: { input: none, output: output<{ path: string } | null>() },
  /** The key file of a KeePass database, for openImportSource: a native open dialog; null when cancelled. */
  chooseImportKeyFile: { input: none, output: output<{ path: string } | null>() },
  /**
   * Read a source in main (a chosen path, or the bytes of a file dropped on the window) and keep it there; the
   * answer is the preview, which carries masks and lengths, never a value. A .kdbx without its password answers
   * `needsPassword`.
   */
  openImportSource: {
    input: z
      .strictObject({
        path: folderPath.optional(),
        bytesBase64: z.string().max(DROPPED_FILE_MAX_BASE64).optional(),
        fileName: z.string().max(255),
        format: z.enum(IMPORT_FORMATS).optional(),
        sourcePassword: passwordField.optional(),
        keyFilePath: folderPath.optional(),
      })
      .refine((input) => (input.path === undefined) !== (input.bytesBase64 === undefined), {
        message: 'Choose a file or drop one on the window.',
      }),
    output: output<
      | { importId: string; format: ImportFormat; preview: ImportPreview }
      | { needsPassword: true; format: ImportFormat }
    >(),
  },
  /** The preview again with the admin's mapping, accounts and selection; nothing is written. */
  previewImport: { input: importId.extend({ plan: importPlanSchema }), output: output<ImportPreview>() },
  /** Write the selected rows all or nothing, one Created event per token naming the source format. */
  commitImport: { input: importId.extend({ plan: importPlanSchema }), output: output<ImportResult>() },
  closeImport: { input: importId, output: output<{ closed: true }>() },
} as const;

/**
 * The views of recipients, handoffs and age keys are core's own declarations (src/shared/recipient-views.ts,
 * handoff-views.ts, age-views.ts), named here for the renderer.
 */
export type { AgeKeyView, OpenedBundleView, VaultIdentityQrView };
export type RecipientView = Recipient;
export type HandoffView = HandoffRecord;

export type ApiContract = typeof api;
export type MethodName = keyof ApiContract;
export type MethodInput<M extends MethodName> = z.input<ApiContract[M]['input']>;
export type MethodOutput<M extends MethodName> = ApiContract[M]['output'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** What preload puts on `window.tokenVault`. */
export type TokenVaultApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

export const METHOD_NAMES = Object.keys(api) as MethodName[];

/** The IPC channel of a method; one channel per method keeps the sender check and parsing per call. */
export function channelFor(method: MethodName): string {
  return `${CHANNEL_PREFIX}${method}`;
}
