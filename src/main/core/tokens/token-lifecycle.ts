import { VaultError } from '../../../shared/errors';
import { secretValueSchema } from '../../../shared/text-rules';
import { mayRecordActivity, worksAgainOnlyWithNewValue } from '../../../shared/token-questions';
import { DATE_FORMAT_HINT, parseInstant } from '../../../shared/dates';
import { parseInput } from '../validate';
import type { Account, TokenMeta } from '../../../shared/model';
import type { AccountStore } from '../accounts/account-store';
import { generateTokenValue } from '../crypto/token-generator';
import type { SqliteDatabase } from '../db/open-database';
import type { TokenLink, TokenLinks } from '../endpoints/token-links';
import type { EventLog } from '../events/event-log';
import type { LifecycleOperation, ProfilePolicy } from '../profiles/profile-policy';
import type { TokenState, TokenStates } from '../profiles/token-state';
import type { TokenStore } from './token-store';
import { describeUsage, type TokenUsage, type TokenUsageReader } from './token-usage';

export interface LifecycleOptions {
  /** The moment the change happens (default: now). Tests and what-ifs move it; the CLI never does for writes. */
  now?: Date;
}

export interface ForceOptions extends LifecycleOptions {
  /** Go ahead although the token is in use (handed off, mapped or serving an endpoint): the user confirmed. */
  force?: boolean;
}

export interface RegenerateOptions extends ForceOptions {
  /** The new value the platform issued; without it a value of the profile's shape is generated. */
  value?: string;
}

/** A recorded activity may be this far ahead of the clock (two machines' clocks never agree exactly). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface LifecycleDependencies {
  db: SqliteDatabase;
  events: EventLog;
  tokens: TokenStore;
  accounts: AccountStore;
  usage: TokenUsageReader;
  links: TokenLinks;
  states: TokenStates;
  policyFor: (account: Account) => ProfilePolicy;
}

/**
 * Every change in a token's life after creation. Each one checks the profile's rules, then writes the change and
 * its event in one transaction; a request that changes nothing (enable an enabled token) records nothing.
 */
export class TokenLifecycle {
  constructor(private readonly deps: LifecycleDependencies) {}

  private load(
    id: number,
    operation: LifecycleOperation,
  ): { token: TokenMeta; account: Account; policy: ProfilePolicy } {
    const token = this.deps.tokens.get(id);
    const account = this.deps.accounts.get(token.accountId);
    const policy = this.deps.policyFor(account);
    policy.beforeLifecycle(token, operation);
    return { token, account, policy };
  }

  private write<T>(change: () => T): T {
    const result = this.deps.db.transaction(change)();
    this.deps.tokens.invalidate();
    return result;
  }

  usage(id: number): TokenUsage {
    this.deps.tokens.get(id);
    return this.deps.usage.of(id);
  }

  stateAt(id: number, now = new Date()): TokenState {
    return this.deps.states.at(this.deps.tokens.get(id), now);
  }

  /** Effective states of many tokens at one moment (one query for the inactivity clocks). */
  statesAt(tokens: TokenMeta[], now = new Date()): Map<number, TokenState> {
    return this.deps.states.forTokens(tokens, now);
  }

  /**
   * The states of the tokens that have a clock (inactivity rule or expiry date). The others are as their stored
   * fields say (src/shared/token-state-vocabulary.ts reads them so), and leaving them out keeps the answer small
   * on a 10,000-token vault.
   */
  statesWithClocks(now = new Date()): TokenState[] {
    return [...this.statesAt(this.deps.tokens.list(), now).values()].filter(
      (state) => state.inactivity !== null || state.expiry !== null || state.attention.length > 0,
    );
  }

  private refuseInUse(token: TokenMeta, verb: string, options: ForceOptions): TokenUsage {
    const usage = this.deps.usage.of(token.id);
    if (usage.inUse && !options.force) {
      throw new VaultError(
        'POLICY',
        `"${token.name}" is in use (${describeUsage(usage)}); ${verb} it will break those integrations. Confirm to go ahead (--force in the CLI).`,
      );
    }
    return usage;
  }

  /** New value (generated in the profile's shape, or the one the platform issued); the old one joins the previous values. */
  regenerate(id: number, options: RegenerateOptions = {}): TokenMeta {
    const { token, account, policy } = this.load(id, 'regenerate');
    const usage = this.refuseInUse(token, 'regenerating', options);
    // A value made here only works where the platform accepts a value it did not issue.
    if (options.value === undefined) policy.checkValueSetHere(token);
    const value =
      options.value !== undefined
        ? parseInput(secretValueSchema, options.value)
        : generateTokenValue(policy.regeneratedValueSpec(token));
    policy.checkValue(account, { ...token, accountId: account.id }, value);
    policy.checkNewValue(token, this.deps.tokens.valueMatch(id, value));
    const at = (options.now ?? new Date()).toISOString();
    // Where the platform cannot turn an invalidated token back on, the value it issued instead is what works now.
    const validAgain = worksAgainOnlyWithNewValue(policy.profile, token);
    this.write(() => {
      this.deps.tokens.replaceValue(id, value, at, true);
      if (validAgain) this.deps.tokens.setFields(id, { status: 'active' });
      this.deps.events.append({
        kind: 'Regenerated',
        tokenId: id,
        accountId: token.accountId,
        details: {
          name: token.name,
          generated: options.value === undefined,
          ...(validAgain ? { validAgain: true } : {}),
          ...(usage.inUse ? { forced: true, inUse: describeUsage(usage) } : {}),
        },
        at,
      });
    });
    return this.deps.tokens.get(id);
  }

  validate(id: number, options: LifecycleOptions = {}): TokenMeta {
    return this.setStatus(id, 'active', options);
  }

  invalidate(id: number, options: LifecycleOptions = {}): TokenMeta {
    return this.setStatus(id, 'inactive', options);
  }

  private setStatus(id: number, status: 'active' | 'inactive', options: LifecycleOptions): TokenMeta {
    const { token } = this.load(id, status === 'active' ? 'validate' : 'invalidate');
    if (token.status === status) return token;
    this.write(() => {
      this.deps.tokens.setFields(id, { status });
      this.deps.events.append({
        kind: status === 'active' ? 'Validated' : 'Invalidated',
        tokenId: id,
        accountId: token.accountId,
        details: { name: token.name },
        at: (options.now ?? new Date()).toISOString(),
      });
    });
    return this.deps.tokens.get(id);
  }

  /**
   * Turn the token on. Under an inactivity rule (ON24) this also restarts the count of idle days, which is how a
   * token the platform disabled for inactivity is brought back; enabling a token that is already on does nothing.
   */
  enable(id: number, options: LifecycleOptions = {}): TokenMeta {
    const { token, policy } = this.load(id, 'enable');
    const now = options.now ?? new Date();
    const state = this.deps.states.at(token, now);
    if (token.enabled && !state.disabledForInactivity) return token;
    const resetsClock = policy.profile.inactivity !== null;
    this.write(() => {
      if (!token.enabled) this.deps.tokens.setFields(id, { enabled: true });
      if (resetsClock)
        this.deps.db
          .prepare('UPDATE tokens SET inactivity_reset_at = ? WHERE id = ?')
          .run(now.toISOString(), id);
      this.deps.events.append({
        kind: 'Enabled',
        tokenId: id,
        accountId: token.accountId,
        details: {
          name: token.name,
          ...(state.disabledForInactivity ? { after: 'inactivity' } : {}),
          ...(resetsClock ? { inactivityCountReset: true } : {}),
        },
        at: now.toISOString(),
      });
    });
    return this.deps.tokens.get(id);
  }

  disable(id: number, options: LifecycleOptions = {}): TokenMeta {
    const { token } = this.load(id, 'disable');
    if (!token.enabled) return token;
    this.write(() => {
      this.deps.tokens.setFields(id, { enabled: false });
      this.deps.events.append({
        kind: 'Disabled',
        tokenId: id,
        accountId: token.accountId,
        details: { name: token.name },
        at: (options.now ?? new Date()).toISOString(),
      });
    });
    return this.deps.tokens.get(id);
  }

  /**
   * The token was used at `at` (default now). Last activity only moves forward. Under an inactivity rule, activity
   * after the platform disabled the token cannot have happened: the token has to be enabled again first.
   */
  recordActivity(id: number, options: LifecycleOptions & { at?: Date | string } = {}): TokenMeta {
    const { token, policy } = this.load(id, 'activity');
    const now = options.now ?? new Date();
    const at = options.at === undefined ? now : toDate(options.at, 'The activity date');
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new VaultError('INVALID_INPUT', 'An activity date cannot be in the future.');
    }
    const rule = policy.profile.inactivity;
    if (rule) {
      if (!mayRecordActivity(policy.profile, token)) {
        throw new VaultError(
          'POLICY',
          `"${token.name}" is disabled, so it cannot have been used; enable it first.`,
        );
      }
      const stateThen = this.deps.states.at(token, at);
      if (!mayRecordActivity(policy.profile, token, stateThen)) {
        throw new VaultError(
          'POLICY',
          `${policy.profile.label} disabled "${token.name}" on ${stateThen.inactivity!.limitAt.slice(0, 10)} after ${rule.disableAfterDays} days without activity; enable it again before recording newer activity.`,
        );
      }
    }
    const atIso = at.toISOString();
    const latest =
      token.lastActivityAt && Date.parse(token.lastActivityAt) > at.getTime() ? token.lastActivityAt : atIso;
    this.write(() => {
      if (latest !== token.lastActivityAt) this.deps.tokens.setFields(id, { lastActivityAt: latest });
      this.deps.events.append({
        kind: 'ActivityRecorded',
        tokenId: id,
        accountId: token.accountId,
        details: { name: token.name, activityAt: atIso },
        at: now.toISOString(),
      });
    });
    return this.deps.tokens.get(id);
  }

  /** Set (a date) or clear (null) the expiry date. */
  setExpiry(id: number, expiresAt: Date | string | null, options: LifecycleOptions = {}): TokenMeta {
    const { token } = this.load(id, 'expiry');
    const next = expiresAt === null ? null : toDate(expiresAt, 'The expiry date').toISOString();
    if (
      next === token.expiresAt ||
      (next && token.expiresAt && Date.parse(next) === Date.parse(token.expiresAt))
    )
      return token;
    this.write(() => {
      this.deps.tokens.setFields(id, { expiresAt: next });
      this.deps.events.append({
        kind: 'Edited',
        tokenId: id,
        accountId: token.accountId,
        details: {
          fields: ['expiresAt'],
          expiresAt: next,
          changes: { expiresAt: { from: token.expiresAt, to: next } },
        },
        at: (options.now ?? new Date()).toISOString(),
      });
    });
    return this.deps.tokens.get(id);
  }

  /** Forget the earlier values kept for rollback. */
  purgePreviousValues(id: number, options: LifecycleOptions = {}): TokenMeta {
    const { token } = this.load(id, 'purge');
    if (token.previousValueCount === 0) return token;
    this.write(() => {
      this.deps.db.prepare('DELETE FROM token_previous_values WHERE token_id = ?').run(id);
      this.deps.events.append({
        kind: 'ValuesPurged',
        tokenId: id,
        accountId: token.accountId,
        details: { name: token.name, count: token.previousValueCount },
        at: (options.now ?? new Date()).toISOString(),
      });
    });
    return this.deps.tokens.get(id);
  }

  /**
   * Delete the token with its previous values, mappings and endpoint assignments. Each secondary that loses its
   * mapping to this token gets an Unmapped event; the Deleted event names what the token served.
   */
  delete(id: number, options: ForceOptions = {}): void {
    const { token } = this.load(id, 'delete');
    const usage = this.refuseInUse(token, 'deleting', options);
    const at = (options.now ?? new Date()).toISOString();
    this.write(() => {
      for (const secondary of usage.mappedFrom) {
        this.deps.events.append({
          kind: 'Unmapped',
          tokenId: secondary.secondaryId,
          accountId: token.accountId,
          details: { primaryId: id, primaryName: token.name, reason: 'primary deleted' },
          at,
        });
      }
      this.deps.db.prepare('DELETE FROM tokens WHERE id = ?').run(id);
      this.deps.events.append({
        kind: 'Deleted',
        tokenId: id,
        accountId: token.accountId,
        details: {
          name: token.name,
          ...(usage.inUse ? { forced: true, inUse: describeUsage(usage) } : {}),
        },
        at,
      });
    });
  }

  map(secondaryId: number, primaryId: number, options: LifecycleOptions = {}): TokenLink {
    const link = this.deps.links.map(secondaryId, primaryId, options.now);
    this.deps.tokens.invalidate();
    return link;
  }

  unmap(secondaryId: number, primaryId: number, options: LifecycleOptions = {}): void {
    this.deps.links.unmap(secondaryId, primaryId, options.now);
    this.deps.tokens.invalidate();
  }

  setMappingEnabled(
    secondaryId: number,
    primaryId: number,
    enabled: boolean,
    options: LifecycleOptions = {},
  ): TokenLink {
    const link = this.deps.links.setEnabled(secondaryId, primaryId, enabled, options.now);
    this.deps.tokens.invalidate();
    return link;
  }
}

function toDate(value: Date | string, label: string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new VaultError('INVALID_INPUT', `${label} is not a valid date.`);
    return value;
  }
  const iso = parseInstant(value);
  if (!iso) throw new VaultError('INVALID_INPUT', `${label}: ${DATE_FORMAT_HINT}`);
  return new Date(iso);
}
