import { VaultError } from '../../../shared/errors';
import type { Account, TokenMeta } from '../../../shared/model';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import type { ProfilePolicy } from '../profiles/profile-policy';
import type { TokenStore } from '../tokens/token-store';
import type { TokenLink } from '../../../shared/token-views';
export type { TokenLink };

interface LinkRow {
  secondaryId: number;
  secondaryName: string;
  primaryId: number;
  primaryName: string;
  accountId: number;
  enabled: number;
  createdAt: string;
}

const SELECT_LINKS = `
  SELECT l.secondary_id AS secondaryId, s.name AS secondaryName, l.primary_id AS primaryId, p.name AS primaryName,
         s.account_id AS accountId, l.enabled, l.created_at AS createdAt
  FROM token_links l JOIN tokens s ON s.id = l.secondary_id JOIN tokens p ON p.id = l.primary_id`;

/**
 * Secondary -> primary mappings (endpoint profile): one application's token stands in for a primary, and each
 * mapping has its own enabled flag so one integration can be cut without touching the others. Every change is
 * recorded on the secondary's history, in the same transaction.
 */
export class TokenLinks {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventLog,
    private readonly tokens: TokenStore,
    private readonly accountOf: (accountId: number) => Account,
    private readonly policyFor: (account: Account) => ProfilePolicy,
  ) {}

  list(filter: { tokenId?: number; accountId?: number } = {}): TokenLink[] {
    const where: string[] = [];
    const params: number[] = [];
    if (filter.tokenId !== undefined) {
      where.push('(l.secondary_id = ? OR l.primary_id = ?)');
      params.push(filter.tokenId, filter.tokenId);
    }
    if (filter.accountId !== undefined) {
      where.push('s.account_id = ?');
      params.push(filter.accountId);
    }
    return this.db
      .prepare<number[], LinkRow>(
        `${SELECT_LINKS}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY p.name, s.name, l.primary_id, l.secondary_id`,
      )
      .all(...params)
      .map(toLink);
  }

  get(secondaryId: number, primaryId: number): TokenLink {
    const row = this.db
      .prepare<[number, number], LinkRow>(`${SELECT_LINKS} WHERE l.secondary_id = ? AND l.primary_id = ?`)
      .get(secondaryId, primaryId);
    if (!row) {
      const secondary = this.tokens.get(secondaryId);
      const primary = this.tokens.get(primaryId);
      throw new VaultError('NOT_FOUND', `"${secondary.name}" is not mapped to "${primary.name}".`);
    }
    return toLink(row);
  }

  map(secondaryId: number, primaryId: number, now = new Date()): TokenLink {
    const secondary = this.tokens.get(secondaryId);
    const primary = this.tokens.get(primaryId);
    const account = this.accountOf(secondary.accountId);
    this.policyFor(account).beforeLifecycle(secondary, 'map');
    if (primary.accountId !== secondary.accountId) {
      throw new VaultError(
        'POLICY',
        `"${secondary.name}" and "${primary.name}" belong to different accounts; a mapping stays within one account.`,
      );
    }
    assertRole(secondary, 'secondary', 'the first token (the one mapped)');
    assertRole(primary, 'primary', 'the second token (the one it maps to)');
    if (
      this.db
        .prepare('SELECT 1 FROM token_links WHERE secondary_id = ? AND primary_id = ?')
        .get(secondaryId, primaryId)
    ) {
      throw new VaultError('ALREADY_EXISTS', `"${secondary.name}" is already mapped to "${primary.name}".`);
    }
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO token_links (secondary_id, primary_id, enabled, created_at) VALUES (?, ?, 1, ?)',
        )
        .run(secondaryId, primaryId, now.toISOString());
      this.events.append({
        kind: 'Mapped',
        tokenId: secondaryId,
        accountId: secondary.accountId,
        details: { primaryId, primaryName: primary.name },
        at: now.toISOString(),
      });
    })();
    return this.get(secondaryId, primaryId);
  }

  unmap(secondaryId: number, primaryId: number, now = new Date()): void {
    const link = this.get(secondaryId, primaryId);
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM token_links WHERE secondary_id = ? AND primary_id = ?')
        .run(secondaryId, primaryId);
      this.events.append({
        kind: 'Unmapped',
        tokenId: secondaryId,
        accountId: link.accountId,
        details: { primaryId, primaryName: link.primaryName },
        at: now.toISOString(),
      });
    })();
  }

  /** Cut or restore one integration: only this mapping's flag changes; a no-op records nothing. */
  setEnabled(secondaryId: number, primaryId: number, enabled: boolean, now = new Date()): TokenLink {
    const link = this.get(secondaryId, primaryId);
    if (link.enabled === enabled) return link;
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE token_links SET enabled = ? WHERE secondary_id = ? AND primary_id = ?')
        .run(enabled ? 1 : 0, secondaryId, primaryId);
      this.events.append({
        kind: enabled ? 'Enabled' : 'Disabled',
        tokenId: secondaryId,
        accountId: link.accountId,
        details: { mapping: true, primaryId, primaryName: link.primaryName },
        at: now.toISOString(),
      });
    })();
    return this.get(secondaryId, primaryId);
  }
}

function assertRole(token: TokenMeta, role: 'primary' | 'secondary', which: string): void {
  if (token.role !== role) {
    throw new VaultError(
      'POLICY',
      `A mapping goes from a secondary token to a primary one, and "${token.name}" (${which}) is ${token.role}.`,
    );
  }
}

function toLink(row: LinkRow): TokenLink {
  return { ...row, enabled: row.enabled === 1 };
}
