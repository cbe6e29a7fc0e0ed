import type { Account, TokenMeta } from '../../../shared/model';
import { findProfile } from '../../../shared/profiles';
import { clockFacts } from '../../../shared/token-state-vocabulary';
export { plural } from '../../../shared/token-state-vocabulary';
import type { SqliteDatabase } from '../db/open-database';
import { expiryState, inactivityState } from './token-clocks';
import type { TokenState } from '../../../shared/token-views';
export type { TokenState };

/**
 * Effective state at a moment `now`. Nothing is written when a state is read: `--now` in the future is a what-if,
 * and the platform (not the vault) is what disables an idle token. See docs/decisions/0005.
 */
export class TokenStates {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly accountOf: (accountId: number) => Account,
  ) {}

  /** The inactivity clock's last reset per token (only tokens that have one). */
  private resets(ids?: number[]): Map<number, string> {
    const rows =
      ids && ids.length === 1
        ? this.db
            .prepare<[number], { id: number; at: string | null }>(
              'SELECT id, inactivity_reset_at AS at FROM tokens WHERE id = ?',
            )
            .all(ids[0]!)
        : this.db
            .prepare<[], { id: number; at: string | null }>(
              'SELECT id, inactivity_reset_at AS at FROM tokens WHERE inactivity_reset_at IS NOT NULL',
            )
            .all();
    return new Map(rows.filter((row) => row.at !== null).map((row) => [row.id, row.at!]));
  }

  at(token: TokenMeta, now: Date): TokenState {
    return this.compute(token, this.resets([token.id]).get(token.id) ?? null, now, new Map());
  }

  forTokens(tokens: TokenMeta[], now: Date): Map<number, TokenState> {
    const resets = this.resets();
    const accounts = new Map<number, Account>();
    return new Map(
      tokens.map((token) => [token.id, this.compute(token, resets.get(token.id) ?? null, now, accounts)]),
    );
  }

  private compute(
    token: TokenMeta,
    resetAt: string | null,
    now: Date,
    accounts: Map<number, Account>,
  ): TokenState {
    let account = accounts.get(token.accountId);
    if (!account) {
      account = this.accountOf(token.accountId);
      accounts.set(account.id, account);
    }
    const rule = findProfile(account.profile)?.inactivity ?? null;
    const inactivity =
      rule && token.enabled
        ? inactivityState(
            rule,
            { createdAt: token.createdAt, lastActivityAt: token.lastActivityAt, inactivityResetAt: resetAt },
            now,
          )
        : null;
    const expiry = token.expiresAt ? expiryState(token.expiresAt, now) : null;
    const disabledForInactivity = inactivity?.disabled === true;
    return {
      tokenId: token.id,
      enabled: token.enabled && !disabledForInactivity,
      disabledForInactivity,
      inactivity,
      expiry,
      attention: clockFacts({ inactivity, expiry }).map((fact) => fact.text),
    };
  }
}
