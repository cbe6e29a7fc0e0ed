import type { ProfileDefinition } from '../../../shared/profiles';
import { mayRestoreEarlierValues } from '../../../shared/token-questions';
import { VaultError } from '../../../shared/errors';
import type { TokenMeta } from '../../../shared/model';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import type { TokenStore } from './token-store';
import { describeUsage, type TokenUsage } from './token-usage';

/** An earlier value of a token, without the value: when it was replaced. */
export interface EarlierValue {
  id: number;
  replacedAt: string;
}

export interface EarlierValuesDependencies {
  db: SqliteDatabase;
  tokens: TokenStore;
  events: EventLog;
  usageOf: (tokenId: number) => TokenUsage;
  /** The token's platform rules (its account's profile). */
  profileOf: (tokenId: number) => ProfileDefinition;
}

/**
 * The values a Regenerate kept (token-store.ts keeps the newest five): listed, revealed (recorded like any
 * reveal) and restored as the current value, so "you can roll back" holds. Restoring is a new value like a
 * regenerate: the current one is kept in turn, and a token in use is refused unless confirmed.
 */
export class EarlierValues {
  constructor(private readonly deps: EarlierValuesDependencies) {}

  list(tokenId: number): EarlierValue[] {
    this.deps.tokens.get(tokenId);
    return this.deps.db
      .prepare<[number], { id: number; replaced_at: string }>(
        'SELECT id, replaced_at FROM token_previous_values WHERE token_id = ? ORDER BY id DESC',
      )
      .all(tokenId)
      .map((row) => ({ id: row.id, replacedAt: row.replaced_at }));
  }

  private valueOf(tokenId: number, valueId: number): { value: string; replacedAt: string } {
    const row = this.deps.db
      .prepare<[number, number], { value: string; replaced_at: string }>(
        'SELECT value, replaced_at FROM token_previous_values WHERE id = ? AND token_id = ?',
      )
      .get(valueId, tokenId);
    if (!row) throw new VaultError('NOT_FOUND', 'That earlier value is no longer kept.');
    return { value: row.value, replacedAt: row.replaced_at };
  }

  /** The earlier value itself; the read is in the history like any reveal. */
  reveal(tokenId: number, valueId: number): string {
    const token = this.deps.tokens.get(tokenId);
    return this.deps.db.transaction(() => {
      const earlier = this.valueOf(tokenId, valueId);
      this.deps.events.append({
        kind: 'Revealed',
        tokenId,
        accountId: token.accountId,
        details: { name: token.name, earlierValue: earlier.replacedAt },
      });
      return earlier.value;
    })();
  }

  /** The earlier value becomes the current one again; the current one joins the earlier values. */
  restore(tokenId: number, valueId: number, options: { force?: boolean; now?: Date } = {}): TokenMeta {
    const token = this.deps.tokens.get(tokenId);
    const profile = this.deps.profileOf(tokenId);
    if (!mayRestoreEarlierValues(profile))
      throw new VaultError(
        'POLICY',
        `${profile.label} cannot bring back a value it reset: "${token.name}" works again only with the new value it issued (regenerate it).`,
      );
    const usage = this.deps.usageOf(tokenId);
    if (usage.inUse && !options.force) {
      throw new VaultError(
        'POLICY',
        `"${token.name}" is in use (${describeUsage(usage)}); restoring an earlier value will break those integrations. Confirm to go ahead.`,
      );
    }
    const at = (options.now ?? new Date()).toISOString();
    this.deps.db.transaction(() => {
      const earlier = this.valueOf(tokenId, valueId);
      this.deps.db.prepare('DELETE FROM token_previous_values WHERE id = ?').run(valueId);
      this.deps.tokens.replaceValue(tokenId, earlier.value, at, false);
      this.deps.events.append({
        kind: 'Regenerated',
        tokenId,
        accountId: token.accountId,
        details: {
          name: token.name,
          generated: false,
          restoredFrom: earlier.replacedAt,
          ...(usage.inUse ? { forced: true, inUse: describeUsage(usage) } : {}),
        },
        at,
      });
    })();
    this.deps.tokens.invalidate();
    return this.deps.tokens.get(tokenId);
  }
}
