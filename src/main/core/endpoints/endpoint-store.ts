import { VaultError } from '../../../shared/errors';
import type { Account, TokenMeta } from '../../../shared/model';
import { HTTP_METHODS, type HttpMethod } from '../../../shared/profiles';
import { singleLine } from '../../../shared/text-rules';
import type { AccountStore } from '../accounts/account-store';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import type { ProfilePolicy } from '../profiles/profile-policy';
import type { TokenStore } from '../tokens/token-store';
import { parseInput } from '../validate';
import type { EndpointAssignment, Endpoint } from '../../../shared/token-views';
export type { EndpointAssignment, Endpoint };

/** One endpoint's token tab: the primary per method, and the account's secondaries with what they serve here. */
export interface EndpointTokenView {
  endpoint: Endpoint;
  primaries: Partial<Record<HttpMethod, EndpointAssignment>>;
  secondaries: { token: TokenMeta; methods: HttpMethod[] }[];
}

const endpointNameSchema = singleLine('The endpoint name');
const METHOD_ORDER = `CASE te.method WHEN 'POST' THEN 0 WHEN 'GET' THEN 1 ELSE 2 END`;

interface EndpointRow {
  id: number;
  account_id: number;
  account_name: string;
  name: string;
  created_at: string;
}

/**
 * An account's endpoints and which token serves which HTTP method there. Rules: one primary per endpoint and
 * method, DELETE only when the account allows deleting, tokens from the endpoint's own account. Assignments are
 * recorded as EndpointAssigned/EndpointUnassigned on the token's history; endpoints as EndpointAdded/Removed.
 */
export class EndpointStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventLog,
    private readonly accounts: AccountStore,
    private readonly tokens: TokenStore,
    private readonly policyFor: (account: Account) => ProfilePolicy,
  ) {}

  private rows(where = '', params: (string | number)[] = []): EndpointRow[] {
    return this.db
      .prepare<(string | number)[], EndpointRow>(
        `SELECT e.id, e.account_id, a.name AS account_name, e.name, e.created_at
         FROM endpoints e JOIN accounts a ON a.id = e.account_id ${where}
         ORDER BY a.name COLLATE NOCASE, e.name COLLATE NOCASE, e.id`,
      )
      .all(...params);
  }

  private withAssignments(row: EndpointRow): Endpoint {
    const assignments = this.db
      .prepare<[number], { method: HttpMethod; tokenId: number; tokenName: string; role: TokenMeta['role'] }>(
        `SELECT te.method, t.id AS tokenId, t.name AS tokenName, t.role FROM token_endpoints te
         JOIN tokens t ON t.id = te.token_id WHERE te.endpoint_id = ?
         ORDER BY ${METHOD_ORDER}, CASE t.role WHEN 'primary' THEN 0 ELSE 1 END, t.name, t.id`,
      )
      .all(row.id);
    return {
      id: row.id,
      accountId: row.account_id,
      accountName: row.account_name,
      name: row.name,
      createdAt: row.created_at,
      assignments,
    };
  }

  list(accountId?: number): Endpoint[] {
    const rows = accountId === undefined ? this.rows() : this.rows('WHERE e.account_id = ?', [accountId]);
    return rows.map((row) => this.withAssignments(row));
  }

  get(id: number): Endpoint {
    const row = this.rows('WHERE e.id = ?', [id])[0];
    if (!row) throw new VaultError('NOT_FOUND', `There is no endpoint with id ${id}.`);
    return this.withAssignments(row);
  }

  /** By id, or by name (ignoring case); a name used in two accounts needs the account to tell them apart. */
  resolve(nameOrId: string | number, accountId?: number): Endpoint {
    if (typeof nameOrId === 'number' || /^\d+$/.test(nameOrId)) {
      const byId = this.rows('WHERE e.id = ?', [Number(nameOrId)])[0];
      if (byId && (accountId === undefined || byId.account_id === accountId))
        return this.withAssignments(byId);
    }
    const name = String(nameOrId);
    const matches =
      accountId === undefined
        ? this.rows('WHERE e.name = ? COLLATE NOCASE', [name])
        : this.rows('WHERE e.name = ? COLLATE NOCASE AND e.account_id = ?', [name, accountId]);
    if (matches.length === 0)
      throw new VaultError('NOT_FOUND', `There is no endpoint named "${name.slice(0, 80)}".`);
    if (matches.length > 1)
      throw new VaultError(
        'INVALID_INPUT',
        `${matches.length} accounts have an endpoint named "${name}"; give its id or its account.`,
      );
    return this.withAssignments(matches[0]!);
  }

  add(accountId: number, nameInput: string, now = new Date()): Endpoint {
    const name = parseInput(endpointNameSchema, nameInput);
    const account = this.accounts.get(accountId);
    if (!this.policyFor(account).profile.endpoints) {
      throw new VaultError(
        'POLICY',
        `${this.policyFor(account).profile.label} accounts have no endpoints; only endpoint and generic accounts do.`,
      );
    }
    const id = this.db.transaction(() => {
      if (
        this.db
          .prepare('SELECT 1 FROM endpoints WHERE account_id = ? AND name = ? COLLATE NOCASE')
          .get(accountId, name)
      ) {
        throw new VaultError('ALREADY_EXISTS', `"${account.name}" already has an endpoint named "${name}".`);
      }
      const result = this.db
        .prepare('INSERT INTO endpoints (account_id, name, created_at) VALUES (?, ?, ?)')
        .run(accountId, name, now.toISOString());
      const endpointId = Number(result.lastInsertRowid);
      this.events.append({
        kind: 'EndpointAdded',
        accountId,
        details: { endpointId, endpoint: name },
        at: now.toISOString(),
      });
      return endpointId;
    })();
    return this.get(id);
  }

  assign(endpointId: number, methodInput: string, tokenId: number, now = new Date()): Endpoint {
    const method = parseMethod(methodInput);
    const endpoint = this.get(endpointId);
    const token = this.tokens.get(tokenId);
    const account = this.accounts.get(endpoint.accountId);
    this.policyFor(account).beforeLifecycle(token, 'assign-endpoint');
    if (token.accountId !== endpoint.accountId) {
      throw new VaultError(
        'POLICY',
        `"${token.name}" belongs to "${token.accountName}", and the endpoint "${endpoint.name}" to "${endpoint.accountName}"; a token serves its own account's endpoints.`,
      );
    }
    if (method === 'DELETE' && !account.allowDelete) {
      throw new VaultError(
        'POLICY',
        `"${account.name}" does not allow deleting, so its endpoints have no DELETE tokens; allow deleting on the account first.`,
      );
    }
    const here = endpoint.assignments.filter((a) => a.method === method);
    if (here.some((a) => a.tokenId === tokenId)) {
      throw new VaultError(
        'ALREADY_EXISTS',
        `"${token.name}" already serves ${method} on "${endpoint.name}".`,
      );
    }
    const primary = here.find((a) => a.role === 'primary');
    if (token.role === 'primary' && primary) {
      throw new VaultError(
        'POLICY',
        `${method} on "${endpoint.name}" is already served by the primary token "${primary.tokenName}" (id ${primary.tokenId}); one primary per method: unassign it first.`,
      );
    }
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO token_endpoints (endpoint_id, method, token_id, created_at) VALUES (?, ?, ?, ?)',
        )
        .run(endpointId, method, tokenId, now.toISOString());
      this.events.append({
        kind: 'EndpointAssigned',
        tokenId,
        accountId: token.accountId,
        details: { endpointId, endpoint: endpoint.name, method },
        at: now.toISOString(),
      });
    })();
    return this.get(endpointId);
  }

  unassign(endpointId: number, methodInput: string, tokenId: number, now = new Date()): Endpoint {
    const method = parseMethod(methodInput);
    const endpoint = this.get(endpointId);
    const token = this.tokens.get(tokenId);
    if (!endpoint.assignments.some((a) => a.method === method && a.tokenId === tokenId)) {
      throw new VaultError('NOT_FOUND', `"${token.name}" does not serve ${method} on "${endpoint.name}".`);
    }
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM token_endpoints WHERE endpoint_id = ? AND method = ? AND token_id = ?')
        .run(endpointId, method, tokenId);
      this.events.append({
        kind: 'EndpointUnassigned',
        tokenId,
        accountId: token.accountId,
        details: { endpointId, endpoint: endpoint.name, method },
        at: now.toISOString(),
      });
    })();
    return this.get(endpointId);
  }

  /**
   * Remove an endpoint and what it served. Each token that served a method there gets an EndpointUnassigned event
   * on its own history, and the account an EndpointRemoved event naming the methods it served.
   */
  remove(endpointId: number, now = new Date()): { removed: true; endpoint: string } {
    const endpoint = this.get(endpointId);
    const at = now.toISOString();
    this.db.transaction(() => {
      for (const assignment of endpoint.assignments) {
        this.events.append({
          kind: 'EndpointUnassigned',
          tokenId: assignment.tokenId,
          accountId: endpoint.accountId,
          details: {
            endpointId,
            endpoint: endpoint.name,
            method: assignment.method,
            reason: 'endpoint removed',
          },
          at,
        });
      }
      this.db.prepare('DELETE FROM endpoints WHERE id = ?').run(endpointId);
      this.events.append({
        kind: 'EndpointRemoved',
        accountId: endpoint.accountId,
        details: { endpointId, endpoint: endpoint.name, assignments: endpoint.assignments.length },
        at,
      });
    })();
    return { removed: true, endpoint: endpoint.name };
  }

  /** Tokens that serve at least one endpoint method anywhere (the complement is what "hide unassigned" hides). */
  assignedTokenIds(): Set<number> {
    return new Set(
      (this.db.prepare('SELECT DISTINCT token_id AS id FROM token_endpoints').all() as { id: number }[]).map(
        (row) => row.id,
      ),
    );
  }

  /** Which endpoint methods each token serves, for many tokens in one query (a 100-token handoff asks at once). */
  servedBy(tokenIds: readonly number[]): Map<number, { endpoint: string; method: HttpMethod }[]> {
    const rows = this.db
      .prepare(
        `SELECT te.token_id AS tokenId, e.name AS endpoint, te.method FROM token_endpoints te
         JOIN endpoints e ON e.id = te.endpoint_id WHERE te.token_id IN (SELECT value FROM json_each(?))
         ORDER BY e.name, ${METHOD_ORDER}`,
      )
      .all(JSON.stringify(tokenIds)) as { tokenId: number; endpoint: string; method: HttpMethod }[];
    const served = new Map<number, { endpoint: string; method: HttpMethod }[]>();
    for (const { tokenId, endpoint, method } of rows) {
      const list = served.get(tokenId) ?? [];
      list.push({ endpoint, method });
      served.set(tokenId, list);
    }
    return served;
  }

  /**
   * The secondaries "hide unassigned" hides: those that serve no endpoint method, neither themselves nor through an
   * enabled mapping to a primary that serves one (a secondary reaches an endpoint through its primary).
   */
  unassignedSecondaryIds(): Set<number> {
    const rows = this.db
      .prepare(
        `SELECT t.id AS id FROM tokens t
         WHERE t.role = 'secondary'
           AND NOT EXISTS (SELECT 1 FROM token_endpoints te WHERE te.token_id = t.id)
           AND NOT EXISTS (
             SELECT 1 FROM token_links l JOIN token_endpoints pe ON pe.token_id = l.primary_id
             WHERE l.secondary_id = t.id AND l.enabled = 1)`,
      )
      .all() as { id: number }[];
    return new Set(rows.map((row) => row.id));
  }

  /** "Hide unassigned": keep primaries and standalone tokens, drop the secondaries that serve no endpoint. */
  hideUnassigned(tokens: TokenMeta[]): TokenMeta[] {
    const hidden = this.unassignedSecondaryIds();
    return tokens.filter((token) => !hidden.has(token.id));
  }

  /** Secondaries that reach this endpoint through an enabled mapping to a primary assigned to it. */
  private mappedToServingPrimary(endpointId: number): Set<number> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT l.secondary_id AS id FROM token_links l
         JOIN token_endpoints te ON te.token_id = l.primary_id
         WHERE te.endpoint_id = ? AND l.enabled = 1`,
      )
      .all(endpointId) as { id: number }[];
    return new Set(rows.map((row) => row.id));
  }

  /**
   * The endpoint's token tab; with `hideUnassigned`, the secondaries that serve nothing here are left out, by the
   * rule of unassignedSecondaryIds limited to this endpoint: assigned to it, or mapped (enabled) to its primary.
   */
  tokenView(endpointId: number, options: { hideUnassigned?: boolean } = {}): EndpointTokenView {
    const endpoint = this.get(endpointId);
    const mapped = options.hideUnassigned ? this.mappedToServingPrimary(endpointId) : new Set<number>();
    const primaries: Partial<Record<HttpMethod, EndpointAssignment>> = {};
    for (const assignment of endpoint.assignments) {
      if (assignment.role === 'primary') primaries[assignment.method] = assignment;
    }
    const secondaries = this.tokens
      .list({ accountId: endpoint.accountId })
      .filter((token) => token.role === 'secondary')
      .map((token) => ({
        token,
        methods: endpoint.assignments.filter((a) => a.tokenId === token.id).map((a) => a.method),
      }))
      .filter((entry) => !options.hideUnassigned || entry.methods.length > 0 || mapped.has(entry.token.id));
    return { endpoint, primaries, secondaries };
  }
}

export function parseMethod(text: string): HttpMethod {
  const method = text.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new VaultError('INVALID_INPUT', 'The method is POST, GET or DELETE.');
  }
  return method as HttpMethod;
}
