import { profileOrGeneric } from '../../../shared/token-questions';
import { VaultError } from '../../../shared/errors';
import type { HandoffDocument } from '../../../shared/handoff-format';
import type {
  AccountCreateInput,
  AccountUpdateInput,
  TokenCreateInput,
  TokenUpdateInput,
} from '../../../shared/inputs';
import type { Account, TokenMeta } from '../../../shared/model';
import type { Endpoint, TokenLink } from '../../../shared/token-views';
import type { AccountStore } from '../accounts/account-store';
import type { SqliteDatabase } from '../db/open-database';
import type { EndpointStore } from '../endpoints/endpoint-store';
import type { EventLog } from '../events/event-log';
import type { EngagementAction, EngagementResult } from '../handoff/engagement-end';
import type { ExportRequest, HandoffRecord, HandoffService } from '../handoff/handoff-service';
import type {
  Recipient,
  RecipientDeletion,
  RecipientFields,
  RecipientStore,
} from '../recipients/recipient-store';
import type { ForceOptions, RegenerateOptions, TokenLifecycle } from '../tokens/token-lifecycle';
import { EarlierValues, type EarlierValue } from '../tokens/earlier-values';
import type { RevealPurpose, TokenStore } from '../tokens/token-store';
import type { RotationPlanView } from '../../../shared/rotation-views';
import type { RecordStepInput, RotationPlans } from '../rotation/rotation-plans';
import type { VaultIdentity } from '../age/vault-identity';
import type { AgeKeyView, VaultIdentityView } from '../../../shared/age-views';
import type { RecipientKeyChange, RecipientKeys } from '../recipients/recipient-keys';
import type { ImportPlan, ImportResult } from '../../../shared/import-views';
import { commitImport } from '../import/import-commit';
import type { RefusedRows } from '../import/import-selection';
import type { ImportSource } from '../import/import-source';
import { runAsyncChange, runChange, type Outcome } from './outcome';

export interface UseCaseDependencies {
  db: SqliteDatabase;
  events: EventLog;
  accounts: AccountStore;
  tokens: TokenStore;
  lifecycle: TokenLifecycle;
  endpoints: EndpointStore;
  recipients: RecipientStore;
  handoffs: HandoffService;
  /** Rotation plans: each start and each recorded step with its event. */
  rotations: RotationPlans;
  recipientKeys: RecipientKeys;
  identity: VaultIdentity;
  /** Reads and writes the operator name kept in the vault (written into every event). */
  operator: { get: () => string; set: (name: string) => void };
}

/**
 * The only door for a change to an unlocked vault. The app's IPC handlers (src/main/ipc/handlers.ts) and the CLI's
 * commands (src/cli/commands/) call these and nothing that writes: each use case checks its rules in core, runs in
 * one transaction with its history events, and answers whether it changed anything. Reads stay on the stores.
 */
export class VaultUseCases {
  constructor(private readonly deps: UseCaseDependencies) {}

  private change<T>(work: () => T): Outcome<T> {
    const outcome = runChange(this.deps.db, this.deps.events, work);
    // Token metadata (the search index) may have changed with any write: accounts renamed, tokens added.
    if (outcome.changed) this.deps.tokens.invalidate();
    return outcome;
  }

  // Accounts

  createAccount(input: AccountCreateInput): Outcome<Account> {
    return this.change(() => this.deps.accounts.create(input));
  }

  updateAccount(input: AccountUpdateInput): Outcome<Account> {
    return this.change(() => this.deps.accounts.update(input));
  }

  deleteAccount(id: number): Outcome<{ deleted: true; name: string }> {
    return this.change(() => {
      const { name } = this.deps.accounts.get(id);
      this.deps.accounts.delete(id);
      return { deleted: true as const, name };
    });
  }

  // Tokens

  createToken(input: TokenCreateInput): Outcome<TokenMeta> {
    return this.change(() => this.deps.tokens.create(input));
  }

  /**
   * Edit metadata, or give a new value. A new value for a token in use would break its integrations unseen: that
   * is Regenerate's job, which shows where the token is used and asks for confirmation.
   */
  updateToken(input: TokenUpdateInput): Outcome<TokenMeta> {
    if (input.value !== undefined && this.deps.lifecycle.usage(input.id).inUse) {
      throw new VaultError(
        'POLICY',
        'This token is in use; give it a new value with Regenerate, which shows where it is used and asks you to confirm.',
      );
    }
    return this.change(() => this.deps.tokens.update(input));
  }

  /** All rows or none, into one account (name or id). */
  importTokens(account: string | number, rows: unknown[]): Outcome<number> {
    // As for a CSV with only its header (src/main/core/import/csv-table.ts): an empty list is not a 0-token success.
    if (Array.isArray(rows) && rows.length === 0)
      throw new VaultError('INVALID_INPUT', 'The import file is an empty list: there is nothing to import.');
    return this.change(() => this.deps.tokens.importMany(this.deps.accounts.resolve(account).id, rows));
  }

  /** Tokens from another tool (KeePass, Bitwarden, 1Password, .env, CSV): the selected rows, all or nothing. */
  importFromSource(
    source: ImportSource,
    plan: ImportPlan = {},
    options: { refusedRows?: RefusedRows } = {},
  ): Outcome<ImportResult> {
    return this.change(() => commitImport(this.deps, source, plan, options));
  }

  deleteToken(id: number, options: ForceOptions = {}): Outcome<{ deleted: true; name: string }> {
    return this.change(() => {
      const { name } = this.deps.tokens.get(id);
      this.deps.lifecycle.delete(id, options);
      return { deleted: true as const, name };
    });
  }

  /** The secret value, read for a person (reveal) or the clipboard (copy); recorded in the history either way. */
  readSecretValue(id: number, purpose: Exclude<RevealPurpose, 'export'>): string {
    return this.change(() => this.deps.tokens.reveal(id, purpose)).result;
  }

  // Lifecycle

  regenerate(id: number, options: RegenerateOptions = {}): Outcome<TokenMeta> {
    return this.change(() => this.deps.lifecycle.regenerate(id, options));
  }

  setStatus(id: number, status: 'active' | 'inactive'): Outcome<TokenMeta> {
    return this.change(() =>
      status === 'active' ? this.deps.lifecycle.validate(id) : this.deps.lifecycle.invalidate(id),
    );
  }

  setEnabled(id: number, enabled: boolean): Outcome<TokenMeta> {
    return this.change(() => (enabled ? this.deps.lifecycle.enable(id) : this.deps.lifecycle.disable(id)));
  }

  recordActivity(id: number, at?: Date | string): Outcome<TokenMeta> {
    return this.change(() => this.deps.lifecycle.recordActivity(id, at === undefined ? {} : { at }));
  }

  setExpiry(id: number, expiresAt: Date | string | null): Outcome<TokenMeta> {
    return this.change(() => this.deps.lifecycle.setExpiry(id, expiresAt));
  }

  purgePreviousValues(id: number): Outcome<TokenMeta> {
    return this.change(() => this.deps.lifecycle.purgePreviousValues(id));
  }

  // Earlier values kept by Regenerate (src/main/core/tokens/earlier-values.ts)

  /** A read: ids and dates of the earlier values, newest first, never the values. */
  earlierValues(id: number): EarlierValue[] {
    return this.earlier().list(id);
  }

  /** One earlier value (a secret), recorded as a reveal. */
  revealEarlierValue(id: number, valueId: number): string {
    return this.change(() => this.earlier().reveal(id, valueId)).result;
  }

  restoreEarlierValue(id: number, valueId: number, options: ForceOptions = {}): Outcome<TokenMeta> {
    return this.change(() => this.earlier().restore(id, valueId, options));
  }

  private earlier(): EarlierValues {
    return new EarlierValues({
      db: this.deps.db,
      tokens: this.deps.tokens,
      events: this.deps.events,
      usageOf: (tokenId) => this.deps.lifecycle.usage(tokenId),
      profileOf: (tokenId) =>
        profileOrGeneric(this.deps.accounts.get(this.deps.tokens.get(tokenId).accountId).profile),
    });
  }

  map(secondaryId: number, primaryId: number): Outcome<TokenLink> {
    return this.change(() => this.deps.lifecycle.map(secondaryId, primaryId));
  }

  unmap(secondaryId: number, primaryId: number): Outcome<{ unmapped: true }> {
    return this.change(() => {
      this.deps.lifecycle.unmap(secondaryId, primaryId);
      return { unmapped: true as const };
    });
  }

  setMappingEnabled(secondaryId: number, primaryId: number, enabled: boolean): Outcome<TokenLink> {
    return this.change(() => this.deps.lifecycle.setMappingEnabled(secondaryId, primaryId, enabled));
  }

  // Endpoints

  addEndpoint(accountId: number, name: string): Outcome<Endpoint> {
    return this.change(() => this.deps.endpoints.add(accountId, name));
  }

  removeEndpoint(endpointId: number): Outcome<{ removed: true; endpoint: string }> {
    return this.change(() => this.deps.endpoints.remove(endpointId));
  }

  assignEndpoint(endpointId: number, method: string, tokenId: number): Outcome<Endpoint> {
    return this.change(() => this.deps.endpoints.assign(endpointId, method, tokenId));
  }

  unassignEndpoint(endpointId: number, method: string, tokenId: number): Outcome<Endpoint> {
    return this.change(() => this.deps.endpoints.unassign(endpointId, method, tokenId));
  }

  // Recipients

  addRecipient(input: RecipientFields & { name: string }): Outcome<Recipient> {
    return this.change(() => this.deps.recipients.create(input));
  }

  /** Fields and the archive flag in one transaction; `archived` left out leaves it as it is. */
  editRecipient(recipient: string | number, fields: RecipientFields, archived?: boolean): Outcome<Recipient> {
    return this.change(() =>
      this.deps.recipients.edit(this.deps.recipients.resolve(recipient).id, fields, archived),
    );
  }

  deleteRecipient(recipient: string | number): Outcome<RecipientDeletion> {
    return this.change(() => this.deps.recipients.delete(this.deps.recipients.resolve(recipient).id));
  }

  // Handoffs

  exportHandoff(request: ExportRequest): Promise<Outcome<HandoffRecord>> {
    return runAsyncChange(this.deps.events, () => this.deps.handoffs.export(request));
  }

  /** A bundle opened with openBundleFile (src/main/core/handoff/open-bundle.ts), into one account: all or none. */
  importBundle(doc: HandoffDocument, account: string | number): Outcome<number> {
    return this.change(() => this.deps.handoffs.importBundle(doc, account));
  }

  endEngagement(recipient: string | number, action: EngagementAction): Outcome<EngagementResult> {
    return this.change(() => this.deps.handoffs.endEngagement(recipient, action));
  }

  // Rotation plans

  /** Engagement ended: a plan for every token whose current value the recipient holds (still switched on). */
  startRotationForRecipient(recipient: string | number): Outcome<RotationPlanView> {
    return this.change(() => this.deps.rotations.startForRecipient(recipient));
  }

  /** "Rotate...": a plan for the chosen tokens. */
  startRotationForTokens(tokenIds: readonly number[]): Outcome<RotationPlanView> {
    return this.change(() => this.deps.rotations.startForTokens(tokenIds));
  }

  /** What the admin did on the platform for one step, recorded through the token lifecycle. */
  recordRotationStep(input: RecordStepInput): Outcome<RotationPlanView> {
    return this.change(() => this.deps.rotations.recordStep(input));
  }

  // Age keys: a recipient's public key, the vault's own identity for receiving

  /** Add the recipient's age key, or replace the current one (kept, retired); the same key again changes nothing. */
  setRecipientKey(recipient: string | number, publicKey: string): Outcome<RecipientKeyChange> {
    return this.change(() => this.deps.recipientKeys.set(recipient, publicKey));
  }

  removeRecipientKey(recipient: string | number): Outcome<AgeKeyView> {
    return this.change(() => this.deps.recipientKeys.remove(recipient));
  }

  createVaultIdentity(): Promise<Outcome<VaultIdentityView>> {
    return runAsyncChange(this.deps.events, () => this.deps.identity.create());
  }

  // The vault itself

  /** The name written into every event from now on; the change is itself an event, under the old name. */
  setOperator(name: string): Outcome<{ operator: string }> {
    const before = this.deps.operator.get();
    const trimmed = name.trim();
    if (trimmed === before) return { result: { operator: before }, changed: false };
    return this.change(() => {
      this.deps.events.append({ kind: 'OperatorChanged', details: { from: before, to: trimmed } });
      this.deps.operator.set(trimmed);
      return { operator: this.deps.operator.get() };
    });
  }

  /** Record that keychain unlock was turned on or off (the slot lives in keyslots.json, the key in the OS keychain). */
  recordKeychainUnlock(enabled: boolean): Outcome<null> {
    return this.change(() => {
      this.deps.events.append({ kind: enabled ? 'KeychainUnlockEnabled' : 'KeychainUnlockDisabled' });
      return null;
    });
  }
}
