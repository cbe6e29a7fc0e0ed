import { agree, plural } from '../../../shared/plural';
import { VaultError } from '../../../shared/errors';
import {
  accountCreateSchema,
  accountUpdateSchema,
  type AccountCreateInput,
  type AccountUpdateInput,
} from '../../../shared/inputs';
import type { Account } from '../../../shared/model';
import { findProfile } from '../../../shared/profiles';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import { parseInput } from '../validate';
import { describeTaken, FoldedNames, type NamedRow } from '../names/folded-names';

interface AccountRow {
  id: number;
  name: string;
  profile: string;
  notes: string;
  allow_delete: number;
  created_at: string;
  token_count: number;
}

/** The one rule a new account's name meets (src/shared/text-rules.ts nameLine), as create parses it. */
const accountNameSchema = accountCreateSchema.shape.name;

const SELECT_ACCOUNTS = `
  SELECT a.id, a.name, a.profile, a.notes, a.allow_delete, a.created_at,
         (SELECT count(*) FROM tokens t WHERE t.account_id = a.id) AS token_count
  FROM accounts a`;

export class AccountStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventLog,
    private readonly onChange: () => void,
  ) {}

  list(): Account[] {
    return this.db
      .prepare<[], AccountRow>(`${SELECT_ACCOUNTS} ORDER BY a.name COLLATE NOCASE`)
      .all()
      .map(toAccount);
  }

  get(id: number): Account {
    const row = this.db.prepare<[number], AccountRow>(`${SELECT_ACCOUNTS} WHERE a.id = ?`).get(id);
    if (!row) throw new VaultError('NOT_FOUND', `There is no account with id ${id}.`);
    return toAccount(row);
  }

  /** Find by exact id (a number) or by name, ignoring case, as the CLI's --account accepts either. */
  resolve(nameOrId: string | number): Account {
    if (typeof nameOrId === 'number' || /^\d+$/.test(nameOrId)) {
      const byId = this.db
        .prepare<[number], AccountRow>(`${SELECT_ACCOUNTS} WHERE a.id = ?`)
        .get(Number(nameOrId));
      if (byId) return toAccount(byId);
    }
    const account = this.findByName(String(nameOrId));
    if (!account) throw new VaultError('NOT_FOUND', `There is no account named "${String(nameOrId)}".`);
    return account;
  }

  /**
   * The account called `name`: the same name ignoring case, else the one account with its folded key. `folded` is
   * the accounts' names read once, when many names are looked up (nameRules).
   */
  findByName(name: string, folded?: FoldedNames<NamedRow>): Account | undefined {
    const row =
      this.db.prepare<[string], AccountRow>(`${SELECT_ACCOUNTS} WHERE a.name = ? COLLATE NOCASE`).get(name) ??
      this.resolveFolded(name, folded ?? this.foldedNames());
    return row ? toAccount(row) : undefined;
  }

  /**
   * The name `create` would store for a new account (NFC, trimmed), or the VaultError it would refuse `name` with:
   * the name rules, then the folded-key uniqueness. A plan (an import's preview) asks here, so it never promises an
   * account that create then refuses.
   */
  checkNewName(name: string, folded?: FoldedNames<NamedRow>): string {
    const stored = parseInput(accountNameSchema, name);
    this.refuseTakenName(stored, undefined, folded);
    return stored;
  }

  /**
   * findByName and checkNewName for many names against one reading of the accounts (an import's rows), so each
   * stored name is folded once, not once per name asked. Valid while nothing is written.
   */
  nameRules(): Pick<AccountStore, 'findByName' | 'checkNewName'> {
    const folded = this.foldedNames();
    return {
      findByName: (name) => this.findByName(name, folded),
      checkNewName: (name) => this.checkNewName(name, folded),
    };
  }

  /** "Café" typed in NFD, or with a stray zero-width space, still finds the account. */
  private resolveFolded(name: string, folded: FoldedNames<NamedRow>): AccountRow | undefined {
    const match = folded.byFoldedName(name);
    return match
      ? this.db.prepare<[number], AccountRow>(`${SELECT_ACCOUNTS} WHERE a.id = ?`).get(match.id)
      : undefined;
  }

  private foldedNames(): FoldedNames<NamedRow> {
    return new FoldedNames(this.db.prepare<[], NamedRow>('SELECT id, name FROM accounts').all());
  }

  /** Names are unique on their folded key: "Main", "MAIN" and "Main" + U+200D are one name. */
  private refuseTakenName(name: string, exceptId?: number, folded = this.foldedNames()): void {
    const holder = folded.lookAlike(name, exceptId);
    if (holder) throw new VaultError('ALREADY_EXISTS', describeTaken('An account', name, holder));
  }

  create(input: AccountCreateInput): Account {
    const data = parseInput(accountCreateSchema, input);
    if (!findProfile(data.profile)) {
      throw new VaultError('INVALID_INPUT', `Unknown profile "${data.profile}".`);
    }
    const now = new Date().toISOString();
    const id = this.db.transaction(() => {
      this.refuseTakenName(data.name);
      const result = this.db
        .prepare(
          'INSERT INTO accounts (name, profile, notes, allow_delete, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(data.name, data.profile, data.notes, data.allowDelete ? 1 : 0, now, now);
      const accountId = Number(result.lastInsertRowid);
      this.events.append({
        kind: 'AccountCreated',
        accountId,
        details: { name: data.name, profile: data.profile },
      });
      return accountId;
    })();
    this.onChange();
    return this.get(id);
  }

  update(input: AccountUpdateInput): Account {
    const data = parseInput(accountUpdateSchema, input);
    const before = this.get(data.id);
    // Only fields whose content differs are recorded, with what they were and became; a save that changes
    // nothing records nothing.
    const changed = (['name', 'notes', 'allowDelete'] as const).filter(
      (key) => data[key] !== undefined && data[key] !== before[key],
    );
    if (changed.length === 0) return before;
    const changes = Object.fromEntries(changed.map((key) => [key, { from: before[key], to: data[key] }]));
    this.db.transaction(() => {
      if (data.name !== undefined) this.refuseTakenName(data.name, data.id);
      if (data.allowDelete === false && before.allowDelete && this.countDeleteAssignments(data.id) > 0) {
        throw new VaultError(
          'POLICY',
          `Tokens of "${before.name}" still serve DELETE on its endpoints; unassign them before turning DELETE off.`,
        );
      }
      this.db
        .prepare('UPDATE accounts SET name = ?, notes = ?, allow_delete = ?, updated_at = ? WHERE id = ?')
        .run(
          data.name ?? before.name,
          data.notes ?? before.notes,
          (data.allowDelete ?? before.allowDelete) ? 1 : 0,
          new Date().toISOString(),
          data.id,
        );
      this.events.append({
        kind: 'AccountEdited',
        accountId: data.id,
        details: { fields: changed, changes },
      });
    })();
    this.onChange();
    return this.get(data.id);
  }

  /** How many DELETE assignments the account's endpoints have (none before the endpoints migration's tables exist). */
  private countDeleteAssignments(accountId: number): number {
    const hasEndpoints = this.db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'token_endpoints'`)
      .get();
    if (!hasEndpoints) return 0;
    return (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM token_endpoints te JOIN endpoints e ON e.id = te.endpoint_id
           WHERE e.account_id = ? AND te.method = 'DELETE'`,
        )
        .get(accountId) as { n: number }
    ).n;
  }

  private endpointNames(accountId: number): string[] {
    const hasEndpoints = this.db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'endpoints'`)
      .get();
    if (!hasEndpoints) return [];
    return (
      this.db.prepare('SELECT name FROM endpoints WHERE account_id = ? ORDER BY name').all(accountId) as {
        name: string;
      }[]
    ).map((row) => row.name);
  }

  delete(id: number): void {
    const account = this.get(id);
    if (account.tokenCount > 0) {
      throw new VaultError(
        'POLICY',
        `The account "${account.name}" still holds ${plural(account.tokenCount, 'token')}; delete or move ${agree(account.tokenCount, 'it', 'them')} first.`,
      );
    }
    this.db.transaction(() => {
      // Its endpoints go with it (ON DELETE CASCADE): the event names them, so the history says what went.
      const endpoints = this.endpointNames(id);
      this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
      this.events.append({
        kind: 'AccountDeleted',
        accountId: id,
        details: { name: account.name, ...(endpoints.length ? { endpoints } : {}) },
      });
    })();
    this.onChange();
  }
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    profile: row.profile,
    notes: row.notes,
    allowDelete: row.allow_delete === 1,
    createdAt: row.created_at,
    tokenCount: row.token_count,
  };
}
