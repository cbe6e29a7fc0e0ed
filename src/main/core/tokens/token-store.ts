import type Database from 'better-sqlite3-multiple-ciphers';
import { VaultError } from '../../../shared/errors';
import {
  tokenCreateSchema,
  tokenImportRowSchema,
  tokenListQuerySchema,
  tokenUpdateSchema,
  type TokenCreateInput,
  type TokenImportRow,
  type TokenListQuery,
  type TokenUpdateInput,
} from '../../../shared/inputs';
import type { Account, TokenMeta, TokenRole, TokenStatus, VaultEvent } from '../../../shared/model';
import type { AccountStore } from '../accounts/account-store';
import { generateTokenValue } from '../crypto/token-generator';
import type { SqliteDatabase } from '../db/open-database';
import type { AppendEventInput, EventLog } from '../events/event-log';
import { parseInput } from '../validate';
import type { TokenDraft, TokenPolicy } from './token-policy';
import { placeholderMeta } from './placeholder-meta';
import { MAX_TOKENS_PER_VAULT } from '../../../shared/vault-limits';
import { SyncedTokenIndex } from './synced-token-index';

export const MAX_PREVIOUS_VALUES = 5;

interface TokenRow {
  id: number;
  account_id: number;
  account_name: string;
  name: string;
  kind: string;
  role: string;
  description: string;
  key_id: string | null;
  status: string;
  enabled: number;
  assigned_to: string | null;
  application: string | null;
  created_at: string;
  updated_at: string;
  generated_at: string | null;
  last_activity_at: string | null;
  expires_at: string | null;
  value_length: number;
  previous_value_count: number;
}

const SELECT_TOKENS = `
  SELECT t.id, t.account_id, a.name AS account_name, t.name, t.kind, t.role, t.description, t.key_id, t.status,
         t.enabled, t.assigned_to, t.application, t.created_at, t.updated_at, t.generated_at, t.last_activity_at,
         t.expires_at, length(t.value) AS value_length,
         (SELECT count(*) FROM token_previous_values p WHERE p.token_id = t.id) AS previous_value_count
  FROM tokens t JOIN accounts a ON a.id = t.account_id`;

export type RevealPurpose = 'reveal' | 'copy' | 'export';

export class TokenStore {
  private searchIndex: SyncedTokenIndex | undefined;
  // Prepared once: preparing per row was a third of a 10,000-row import.
  private insertStatement: Database.Statement<unknown[]> | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventLog,
    private readonly accounts: AccountStore,
    private readonly policyFor: (account: Account) => TokenPolicy,
  ) {}

  /** Prepared once: a handoff or a listing reads many tokens one by one, and preparing is the costly part. */
  private statements: {
    byId: Database.Statement<[number], TokenRow>;
    valueById: Database.Statement<[number], { value: string }>;
  } | null = null;

  private prepared() {
    this.statements ??= {
      byId: this.db.prepare<[number], TokenRow>(`${SELECT_TOKENS} WHERE t.id = ?`),
      valueById: this.db.prepare<[number], { value: string }>('SELECT value FROM tokens WHERE id = ?'),
    };
    return this.statements;
  }

  /**
   * Called after any write that changes token metadata (including account renames). The index follows the
   * history (src/main/core/tokens/synced-token-index.ts); this only makes sure a write without an event is seen.
   */
  invalidate(): void {
    this.index().announceWrite();
  }

  /**
   * Whether a search is answered from the index's sets yet: they are built in the background from the first
   * search on (until then a search tests every token; same answers). For bench/vault-core.bench.ts and tests.
   */
  searchSetsReady(): boolean {
    return this.searchIndex?.searchSetsReady ?? false;
  }

  /** The vault locked (src/main/core/vault/vault.ts): the index's background work stops. */
  close(): void {
    this.searchIndex?.close();
  }

  private index(): SyncedTokenIndex {
    this.searchIndex ??= new SyncedTokenIndex(this.db, {
      all: () => this.allMeta(),
      one: (id) => {
        const row = this.prepared().byId.get(id);
        return row ? toMeta(row) : undefined;
      },
      ofAccount: (accountId) => this.forAccount(accountId),
    });
    return this.searchIndex;
  }

  /**
   * Every token, for the index. Row by row, not all rows first (they would double the peak), and with the text
   * that many tokens share (account, role, status, dates of one import, owners) held once: each row brings its
   * own copy of every string, 1.7 MiB of 10,000 tokens' metadata in bench/vault-core.bench.ts.
   */
  private allMeta(): TokenMeta[] {
    const shared = new Map<string, string>();
    const once = <T extends string | null>(text: T): T => {
      if (text === null) return text;
      const held = shared.get(text);
      if (held !== undefined) return held as T;
      shared.set(text, text);
      return text;
    };
    const metas: TokenMeta[] = [];
    for (const row of this.db.prepare<[], TokenRow>(SELECT_TOKENS).iterate()) {
      const meta = toMeta(row);
      meta.accountName = once(meta.accountName);
      meta.kind = once(meta.kind);
      meta.role = once(meta.role);
      meta.status = once(meta.status);
      meta.assignedTo = once(meta.assignedTo);
      meta.application = once(meta.application);
      meta.createdAt = once(meta.createdAt);
      meta.updatedAt = once(meta.updatedAt);
      meta.generatedAt = once(meta.generatedAt);
      meta.lastActivityAt = once(meta.lastActivityAt);
      meta.expiresAt = once(meta.expiresAt);
      metas.push(meta);
    }
    return metas;
  }

  list(query: TokenListQuery = {}): TokenMeta[] {
    const parsed = parseInput(tokenListQuerySchema, query);
    return this.index().current().query(parsed);
  }

  get(id: number): TokenMeta {
    const row = this.prepared().byId.get(id);
    if (!row) throw new VaultError('NOT_FOUND', `There is no token with id ${id}.`);
    return toMeta(row);
  }

  forAccount(accountId: number): TokenMeta[] {
    return this.db
      .prepare<[number], TokenRow>(`${SELECT_TOKENS} WHERE t.account_id = ?`)
      .all(accountId)
      .map(toMeta);
  }

  /** The secret value. Every read is recorded in the history with its purpose. */
  reveal(id: number, purpose: RevealPurpose = 'reveal'): string {
    const meta = this.get(id);
    const row = this.prepared().valueById.get(id)!;
    if (purpose !== 'export') {
      this.db.transaction(() => {
        this.events.append({
          kind: purpose === 'copy' ? 'Copied' : 'Revealed',
          tokenId: id,
          accountId: meta.accountId,
          details: { name: meta.name },
        });
      })();
    }
    return row.value;
  }

  private applyPolicy(account: Account, draft: TokenDraft, existing?: TokenMeta): TokenDraft {
    const siblings = this.forAccount(account.id).filter((token) => token.id !== existing?.id);
    return this.policyFor(account).beforeSave(account, draft, siblings, existing);
  }

  create(input: TokenCreateInput): TokenMeta {
    const data = parseInput(tokenCreateSchema, input);
    const account = this.accounts.get(data.accountId);
    const draft = this.applyPolicy(account, {
      accountId: account.id,
      name: data.name,
      kind: data.kind ?? '',
      role: data.role,
      description: data.description,
      assignedTo: data.assignedTo ?? null,
      keyId: data.keyId ?? null,
    });
    // A value made here only works where the platform accepts a value it did not issue.
    if (data.value === undefined) this.policyFor(account).checkValueSetHere?.(draft);
    const value = data.value ?? generateTokenValue(data.generate);
    this.policyFor(account).checkValue?.(account, draft, value);
    const now = new Date().toISOString();
    const id = this.db.transaction(() => {
      const tokenId = this.insertRow(draft, value, {
        application: data.application ?? null,
        expiresAt: data.expiresAt ?? null,
        generatedAt: data.generate ? now : null,
        now,
      });
      this.events.append({
        kind: 'Created',
        tokenId,
        accountId: account.id,
        details: {
          name: draft.name,
          kind: draft.kind,
          role: draft.role,
          generated: data.generate !== undefined,
        },
      });
      return tokenId;
    })();
    this.invalidate();
    return this.get(id);
  }

  private insertRow(
    draft: TokenDraft,
    value: string,
    extra: { application: string | null; expiresAt: string | null; generatedAt: string | null; now: string },
  ): number {
    this.insertStatement ??= this.db.prepare(
      `INSERT INTO tokens (account_id, name, kind, role, description, key_id, value, status, enabled, assigned_to,
         application, created_at, updated_at, generated_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'active', 1, ?, ?, ?, ?, ?, ?)`,
    );
    const result = this.insertStatement.run(
      draft.accountId,
      draft.name,
      draft.kind,
      draft.role,
      draft.description,
      draft.keyId,
      value,
      draft.assignedTo,
      extra.application,
      extra.now,
      extra.now,
      extra.generatedAt,
      extra.expiresAt,
    );
    return Number(result.lastInsertRowid);
  }

  update(input: TokenUpdateInput): TokenMeta {
    const data = parseInput(tokenUpdateSchema, input);
    const before = this.get(data.id);
    const account = this.accounts.get(before.accountId);
    const draft = this.applyPolicy(
      account,
      {
        accountId: account.id,
        name: data.name ?? before.name,
        kind: data.kind ?? before.kind,
        role: data.role ?? before.role,
        description: data.description ?? before.description,
        assignedTo: data.assignedTo === undefined ? before.assignedTo : data.assignedTo,
        keyId: data.keyId === undefined ? before.keyId : data.keyId,
      },
      before,
    );
    const now = new Date().toISOString();
    // Only the fields whose content differs are named in the history; a save that changes nothing records nothing.
    // The value is never compared here nor recorded with its content: only the word "value" is listed, below.
    const metadataKeys = Object.keys(data).filter(
      (key) => key !== 'id' && key !== 'value',
    ) as (keyof typeof data & keyof TokenMeta)[];
    const changed = metadataKeys.filter((key) => data[key] !== undefined && data[key] !== before[key]);
    if (changed.length === 0 && data.value === undefined) return before;
    if (data.value !== undefined) this.policyFor(account).checkValue?.(account, draft, data.value);
    this.db.transaction(() => {
      if (data.value !== undefined) this.replaceValue(data.id, data.value, now, false);
      this.db
        .prepare(
          `UPDATE tokens SET name = ?, kind = ?, role = ?, description = ?, key_id = ?, assigned_to = ?, application = ?,
             expires_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          draft.name,
          draft.kind,
          draft.role,
          draft.description,
          draft.keyId,
          draft.assignedTo,
          data.application === undefined ? before.application : data.application,
          data.expiresAt === undefined ? before.expiresAt : data.expiresAt,
          now,
          data.id,
        );
      this.events.append({
        kind: 'Edited',
        tokenId: data.id,
        accountId: before.accountId,
        // Metadata edits record what it was and what it became; for the value, only that it changed.
        details: {
          fields: data.value !== undefined ? [...changed, 'value'] : changed,
          changes: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: data[key] }])),
        },
      });
    })();
    this.invalidate();
    return this.get(data.id);
  }

  /**
   * Keep the current value among the previous ones (newest MAX_PREVIOUS_VALUES kept, for rollback) and store
   * the new one. Runs inside the caller's transaction.
   */
  /**
   * Whether a candidate value is the token's current one, or one of its kept earlier values. Compared inside core and
   * answered as a word only, so nothing is revealed and no event is due.
   */
  valueMatch(id: number, candidate: string): 'current' | 'earlier' | null {
    const current = this.db
      .prepare<[number], { value: string }>('SELECT value FROM tokens WHERE id = ?')
      .get(id);
    if (!current) throw new VaultError('NOT_FOUND', `There is no token with id ${id}.`);
    if (current.value === candidate) return 'current';
    const earlier = this.db
      .prepare<[number, string], { n: number }>(
        'SELECT count(*) AS n FROM token_previous_values WHERE token_id = ? AND value = ?',
      )
      .get(id, candidate);
    return earlier && earlier.n > 0 ? 'earlier' : null;
  }

  replaceValue(id: number, newValue: string, now: string, generated: boolean): void {
    const current = this.db
      .prepare<[number], { value: string }>('SELECT value FROM tokens WHERE id = ?')
      .get(id);
    if (!current) throw new VaultError('NOT_FOUND', `There is no token with id ${id}.`);
    this.db
      .prepare('INSERT INTO token_previous_values (token_id, value, replaced_at) VALUES (?, ?, ?)')
      .run(id, current.value, now);
    this.db
      .prepare(
        `DELETE FROM token_previous_values WHERE token_id = ? AND id NOT IN
           (SELECT id FROM token_previous_values WHERE token_id = ? ORDER BY id DESC LIMIT ${MAX_PREVIOUS_VALUES})`,
      )
      .run(id, id);
    this.db
      .prepare(
        `UPDATE tokens SET value = ?, updated_at = ?${generated ? ', generated_at = ?' : ''} WHERE id = ?`,
      )
      .run(...(generated ? [newValue, now, now, id] : [newValue, now, id]));
  }

  /** Refuses, before anything is parsed or written, what would take the vault past MAX_TOKENS_PER_VAULT. */
  private checkRoomFor(adding: number): void {
    const held = (this.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
    if (held + adding <= MAX_TOKENS_PER_VAULT) return;
    throw new VaultError(
      'INVALID_INPUT',
      `A vault holds at most ${MAX_TOKENS_PER_VAULT.toLocaleString('en')} tokens; this one holds ${held.toLocaleString('en')}, so ${adding.toLocaleString('en')} more cannot be added and nothing was imported.`,
    );
  }

  /**
   * All rows or none: any invalid row or policy refusal rolls the whole import back. `source` names where the rows
   * came from (an import format) in each token's Created event.
   */
  importMany(accountId: number, rows: unknown[], options: { source?: string } = {}): number {
    if (!Array.isArray(rows)) throw new VaultError('INVALID_INPUT', 'An import is a list of tokens.');
    this.checkRoomFor(rows.length);
    const parsed = rows.map((row, index) => {
      try {
        return parseInput(tokenImportRowSchema, row) as TokenImportRow;
      } catch (error) {
        throw new VaultError('INVALID_INPUT', `Row ${index + 1}: ${(error as Error).message}`);
      }
    });
    return this.importParsed(accountId, parsed, options);
  }

  /**
   * importMany for rows already parsed by tokenImportRowSchema (an import plan's rows): the profile's checks, one
   * insert and one Created event per token, all in one transaction; the events go to the history in one batch.
   */
  importParsed(
    accountId: number,
    parsed: readonly TokenImportRow[],
    options: { source?: string } = {},
  ): number {
    const account = this.accounts.get(accountId);
    this.checkRoomFor(parsed.length);
    const now = new Date().toISOString();
    const policy = this.policyFor(account);
    this.db.transaction(() => {
      const siblings = this.forAccount(account.id);
      const events: AppendEventInput[] = [];
      parsed.forEach((row, index) => {
        let draft: TokenDraft;
        try {
          draft = policy.beforeSave(
            account,
            {
              accountId: account.id,
              name: row.name,
              kind: row.kind ?? '',
              role: row.role ?? 'standalone',
              description: row.description ?? '',
              assignedTo: row.assignedTo ?? null,
              keyId: row.keyId ?? null,
            },
            siblings,
          );
          policy.checkValue?.(account, draft, row.value);
        } catch (error) {
          if (error instanceof VaultError)
            throw new VaultError(error.code, `Row ${index + 1}: ${error.message}`);
          throw error;
        }
        const tokenId = this.insertRow(draft, row.value, {
          application: row.application ?? null,
          expiresAt: row.expiresAt ?? null,
          generatedAt: null,
          now,
        });
        siblings.push({ ...placeholderMeta(tokenId, draft, account.name, now) });
        events.push({
          kind: 'Created',
          tokenId,
          accountId: account.id,
          details: {
            name: draft.name,
            kind: draft.kind,
            role: draft.role,
            imported: true,
            ...(options.source ? { source: options.source } : {}),
          },
          at: now,
        });
      });
      this.events.appendMany(events);
    })();
    this.invalidate();
    return parsed.length;
  }

  history(id: number): VaultEvent[] {
    const events = this.events.forToken(id);
    if (events.length === 0) this.get(id);
    return events;
  }

  /** Set status, enabled flag or activity fields; lifecycle operations build on this inside their transaction. */
  setFields(
    id: number,
    fields: Partial<{
      status: TokenStatus;
      enabled: boolean;
      lastActivityAt: string | null;
      expiresAt: string | null;
      role: TokenRole;
    }>,
  ): void {
    const columns: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => {
      columns.push(`${column} = ?`);
      values.push(value);
    };
    if (fields.status !== undefined) set('status', fields.status);
    if (fields.enabled !== undefined) set('enabled', fields.enabled ? 1 : 0);
    if (fields.lastActivityAt !== undefined) set('last_activity_at', fields.lastActivityAt);
    if (fields.expiresAt !== undefined) set('expires_at', fields.expiresAt);
    if (fields.role !== undefined) set('role', fields.role);
    if (columns.length === 0) return;
    columns.push('updated_at = ?');
    values.push(new Date().toISOString());
    this.db.prepare(`UPDATE tokens SET ${columns.join(', ')} WHERE id = ?`).run(...values, id);
    this.invalidate();
  }
}

function toMeta(row: TokenRow): TokenMeta {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    name: row.name,
    kind: row.kind,
    role: row.role as TokenRole,
    description: row.description,
    keyId: row.key_id,
    status: row.status as TokenStatus,
    enabled: row.enabled === 1,
    assignedTo: row.assigned_to,
    application: row.application,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    generatedAt: row.generated_at,
    lastActivityAt: row.last_activity_at,
    expiresAt: row.expires_at,
    valueLength: row.value_length,
    previousValueCount: row.previous_value_count,
  };
}
