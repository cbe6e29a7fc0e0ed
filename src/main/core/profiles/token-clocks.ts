import type { InactivityRule } from '../../../shared/profiles';
import { EXPIRY_WARN_DAYS } from '../../../shared/token-questions';
import type { InactivityState, ExpiryState } from '../../../shared/token-views';
export type { InactivityState, ExpiryState };

export const DAY_MS = 86_400_000;

export interface InactivityClockInput {
  createdAt: string;
  lastActivityAt: string | null;
  inactivityResetAt: string | null;
}

/** The smallest warning threshold the remaining days fall within, or null when none applies yet. */
export function warningFor(daysLeft: number, thresholds: readonly number[]): number | null {
  const within = thresholds.filter((days) => daysLeft <= days);
  return within.length === 0 ? null : Math.min(...within);
}

/**
 * The platform's inactivity clock, computed, never scheduled: at `now`, a token is disabled once `disableAfterDays`
 * have passed since the later of its last activity and its last re-enable. A token never used and never re-enabled
 * counts from its creation. Creation does not outrank a recorded activity: a token recorded today may have been
 * issued on the platform long ago, and its last activity is what the platform counts from.
 */
export function inactivityState(
  rule: InactivityRule,
  token: InactivityClockInput,
  now: Date,
): InactivityState {
  const marks = [token.lastActivityAt, token.inactivityResetAt].filter((d): d is string => d !== null);
  const from = marks.length ? Math.max(...marks.map((d) => Date.parse(d))) : Date.parse(token.createdAt);
  const limit = from + rule.disableAfterDays * DAY_MS;
  const disabled = now.getTime() >= limit;
  const daysLeft = disabled ? 0 : Math.ceil((limit - now.getTime()) / DAY_MS);
  return {
    countingFrom: new Date(from).toISOString(),
    limitAt: new Date(limit).toISOString(),
    disableAfterDays: rule.disableAfterDays,
    daysLeft,
    disabled,
    warning: disabled ? null : warningFor(daysLeft, rule.warnDaysBefore),
  };
}

export function expiryState(expiresAt: string, now: Date): ExpiryState {
  const at = Date.parse(expiresAt);
  const expired = now.getTime() >= at;
  const daysLeft = expired ? 0 : Math.ceil((at - now.getTime()) / DAY_MS);
  return { expiresAt, expired, daysLeft, warning: expired ? null : warningFor(daysLeft, EXPIRY_WARN_DAYS) };
}

/** A date the user typed (2026-12-31 or full ISO 8601) as a full ISO string in UTC, or null when it is not a date. */
export function normaliseDate(text: string): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!day) return null;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  // Date.parse rolls 2026-02-31 over to 3 March; a day that does not exist is refused instead.
  const [, year, month, date] = day.map(Number);
  const check = new Date(Date.UTC(year!, month! - 1, date!));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== date)
    return null;
  return new Date(time).toISOString();
}
