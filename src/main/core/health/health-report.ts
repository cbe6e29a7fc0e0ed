import type { Account, TokenMeta } from '../../../shared/model';
import { findProfile } from '../../../shared/profiles';
import type { SqliteDatabase } from '../db/open-database';
import { DAY_MS } from '../profiles/token-clocks';
import { plural, type TokenStates } from '../profiles/token-state';
import type { TokenStore } from '../tokens/token-store';
import type { TokenUsageReader } from '../tokens/token-usage';
import type { RotationPlanView } from '../../../shared/rotation-views';
import {
  HEALTH_KINDS,
  type HealthItem,
  type HealthKind,
  type HealthReport,
  type HealthSeverity,
} from '../../../shared/token-views';

export { HEALTH_KINDS };
export type { HealthItem, HealthKind, HealthReport, HealthSeverity };

const SEVERITY: Record<HealthKind, HealthSeverity> = {
  'inactivity-disabled': 'critical',
  expired: 'critical',
  'inactivity-soon': 'warning',
  expiring: 'warning',
  'duplicate-value': 'warning',
  'not-rotated': 'warning',
  'never-used': 'info',
  'handed-to-agency': 'info',
  'rotation-unfinished': 'warning',
};

export const DEFAULT_ROTATION_DAYS = 180;

export interface HealthOptions {
  now?: Date;
  /** A token not regenerated for this many days is reported (default 180). */
  rotationDays?: number;
}

/**
 * "What needs my attention": computed at a moment, read only. Tokens that are switched off (invalidated, disabled,
 * or disabled by the platform for inactivity) are left out of the reminders about use, rotation and expiry; a
 * duplicated value and a token held by an agency are reported whatever the token's state.
 */
export class HealthService {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly tokens: TokenStore,
    private readonly states: TokenStates,
    private readonly usage: TokenUsageReader,
    private readonly accountOf: (accountId: number) => Account,
    /** Rotation plans not yet complete; health shows each until its last step is recorded. */
    private readonly unfinishedRotations: () => RotationPlanView[] = () => [],
  ) {}

  report(options: HealthOptions = {}): HealthReport {
    const now = options.now ?? new Date();
    const rotationDays = options.rotationDays ?? DEFAULT_ROTATION_DAYS;
    const tokens = this.tokens.list();
    const byId = new Map(tokens.map((token) => [token.id, token]));
    const states = this.states.forTokens(tokens, now);
    const lastRotation = this.lastRotations();
    const items: HealthItem[] = [];
    const add = (kind: HealthKind, item: Omit<HealthItem, 'kind' | 'severity'>) =>
      items.push({ kind, severity: SEVERITY[kind], ...item });
    const ref = (token: TokenMeta) => ({ id: token.id, name: token.name, account: token.accountName });

    for (const token of tokens) {
      const state = states.get(token.id)!;
      // Invalidated, disabled or idle-disabled tokens are not reminded of use, rotation or expiry.
      const live = token.status === 'active' && state.enabled;
      const label = `"${token.name}" (${token.accountName})`;
      if (state.inactivity?.disabled) {
        const profile = findProfile(this.accountOf(token.accountId).profile)!;
        add('inactivity-disabled', {
          tokens: [ref(token)],
          message: `${label} was disabled by ${profile.label} on ${day(state.inactivity.limitAt)} after ${profile.inactivity!.disableAfterDays} days without activity; enable it again to use it.`,
          date: state.inactivity.limitAt,
          daysLeft: 0,
        });
      } else if (state.inactivity?.warning != null) {
        add('inactivity-soon', {
          tokens: [ref(token)],
          message: `${label} will be disabled for inactivity in ${plural(state.inactivity.daysLeft, 'day')} (${day(state.inactivity.limitAt)}) unless it is used.`,
          date: state.inactivity.limitAt,
          daysLeft: state.inactivity.daysLeft,
        });
      }
      if (!live) continue;
      if (state.expiry?.expired) {
        add('expired', {
          tokens: [ref(token)],
          message: `${label} expired on ${day(state.expiry.expiresAt)}.`,
          date: state.expiry.expiresAt,
          daysLeft: 0,
        });
      } else if (state.expiry?.warning != null) {
        add('expiring', {
          tokens: [ref(token)],
          message: `${label} expires in ${plural(state.expiry.daysLeft, 'day')} (${day(state.expiry.expiresAt)}).`,
          date: state.expiry.expiresAt,
          daysLeft: state.expiry.daysLeft,
        });
      }
      const rotatedAt = lastRotation.get(token.id) ?? token.generatedAt ?? token.createdAt;
      const idleDays = Math.floor((now.getTime() - Date.parse(rotatedAt)) / DAY_MS);
      if (idleDays >= rotationDays) {
        add('not-rotated', {
          tokens: [ref(token)],
          message: `${label} has not been regenerated for ${plural(idleDays, 'day')} (since ${day(rotatedAt)}).`,
          date: rotatedAt,
          daysLeft: null,
        });
      }
      if (token.lastActivityAt === null) {
        add('never-used', {
          tokens: [ref(token)],
          message: `${label} has no recorded activity since it was added on ${day(token.createdAt)}.`,
          date: token.createdAt,
          daysLeft: null,
        });
      }
    }

    for (const ids of this.duplicateValueGroups()) {
      const group = ids.map((id) => byId.get(id)).filter((t): t is TokenMeta => t !== undefined);
      add('duplicate-value', {
        tokens: group.map(ref),
        message: `${group.length} tokens hold the same value: ${group.map((t) => `"${t.name}" (${t.accountName})`).join(', ')}.`,
        date: null,
        daysLeft: null,
      });
    }

    for (const held of this.heldByAgencies()) {
      const token = byId.get(held.tokenId);
      if (!token) continue;
      add('handed-to-agency', {
        tokens: [ref(token)],
        message: `"${token.name}" (${token.accountName}) was handed to ${held.recipients.join(', ')} (last on ${day(held.lastHandedAt)}).`,
        date: held.lastHandedAt,
        daysLeft: null,
        recipients: held.recipients,
      });
    }

    for (const plan of this.unfinishedRotations()) {
      const left = plan.steps.filter((step) => step.outcome === null);
      add('rotation-unfinished', {
        tokens: left.filter((step) => byId.has(step.tokenId)).map((step) => ref(byId.get(step.tokenId)!)),
        message: `${plan.progress}: ${plural(left.length, 'token')} still to rotate on ${[...new Set(left.map((step) => step.platform))].join(', ')} (rotation plan ${plan.id}).`,
        date: plan.createdAt,
        daysLeft: null,
        planId: plan.id,
      });
    }

    const rank: Record<HealthSeverity, number> = { critical: 0, warning: 1, info: 2 };
    items.sort(
      (a, b) =>
        rank[a.severity] - rank[b.severity] ||
        HEALTH_KINDS.indexOf(a.kind) - HEALTH_KINDS.indexOf(b.kind) ||
        (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
        (a.date ?? '').localeCompare(b.date ?? '') ||
        (a.tokens[0]?.id ?? 0) - (b.tokens[0]?.id ?? 0),
    );
    const counts = Object.fromEntries(HEALTH_KINDS.map((kind) => [kind, 0])) as Record<HealthKind, number>;
    for (const item of items) counts[item.kind]++;
    return { now: now.toISOString(), rotationDays, tokenCount: tokens.length, counts, items };
  }

  /** Last time each token's value changed: a regenerate, or an edit that replaced the value. */
  private lastRotations(): Map<number, string> {
    const rows = this.db
      .prepare(
        `SELECT token_id AS id, max(at) AS at FROM events
         WHERE token_id IS NOT NULL AND (kind = 'Regenerated' OR (kind = 'Edited' AND details LIKE '%"value"%'))
         GROUP BY token_id`,
      )
      .all() as { id: number; at: string }[];
    return new Map(rows.map((row) => [row.id, row.at]));
  }

  /** Groups of token ids whose current values are equal, compared inside SQLite: no value reaches this code. */
  private duplicateValueGroups(): number[][] {
    const rows = this.db
      .prepare(
        `SELECT group_concat(id) AS ids FROM (SELECT id, value FROM tokens ORDER BY id) GROUP BY value HAVING count(*) > 1`,
      )
      .all() as { ids: string }[];
    return rows
      .map((row) =>
        row.ids
          .split(',')
          .map(Number)
          .sort((a, b) => a - b),
      )
      .sort((a, b) => a[0]! - b[0]!);
  }

  private heldByAgencies(): { tokenId: number; recipients: string[]; lastHandedAt: string }[] {
    if (!this.usage.hasHandoffs()) return [];
    const rows = this.db
      .prepare(
        `SELECT ht.token_id AS tokenId, r.name AS recipient, max(h.created_at) AS lastHandedAt
         FROM handoff_tokens ht JOIN handoffs h ON h.id = ht.handoff_id JOIN recipients r ON r.id = h.recipient_id
         JOIN tokens t ON t.id = ht.token_id
         GROUP BY ht.token_id, r.id ORDER BY ht.token_id, r.name`,
      )
      .all() as { tokenId: number; recipient: string; lastHandedAt: string }[];
    const held = new Map<number, { tokenId: number; recipients: string[]; lastHandedAt: string }>();
    for (const row of rows) {
      const entry = held.get(row.tokenId) ?? {
        tokenId: row.tokenId,
        recipients: [],
        lastHandedAt: row.lastHandedAt,
      };
      entry.recipients.push(row.recipient);
      if (row.lastHandedAt > entry.lastHandedAt) entry.lastHandedAt = row.lastHandedAt;
      held.set(row.tokenId, entry);
    }
    return [...held.values()];
  }
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
