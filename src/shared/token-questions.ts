/**
 * The questions a screen asks about one token, answered once from the profile (src/shared/profiles.ts) and core's
 * computed state. Core's lifecycle (src/main/core/tokens/token-lifecycle.ts) and policy
 * (src/main/core/profiles/profile-policy.ts) decide with these same functions, so what the app offers is what core
 * accepts.
 */
import type { TokenMeta } from './model';
import { acceptsSetValue } from './platform-guides';
import {
  findKindRule,
  findProfile,
  GENERIC_PROFILE,
  type InactivityRule,
  type ProfileDefinition,
} from './profiles';
import type { TokenState } from './token-views';

/** Expiry warnings, in days before the date, largest first (the same shape as a profile's inactivity warnings). */
export const EXPIRY_WARN_DAYS: readonly number[] = [30, 14, 7, 1];

type TokenShape = Pick<TokenMeta, 'kind' | 'role'>;

/** The profile of an account, or the generic one for a profile this build does not know (read-only display). */
export function profileOrGeneric(profileId: string | undefined): ProfileDefinition {
  return findProfile(profileId ?? '') ?? GENERIC_PROFILE;
}

/** The platform does not let a manager validate or invalidate this token (Emplifi's primary): it can only be replaced. */
export function isStatusLocked(profile: ProfileDefinition, token: TokenShape): boolean {
  return findKindRule(profile, token.kind)?.statusLockedRoles?.includes(token.role) ?? false;
}

/**
 * The token was invalidated on a platform that cannot turn it back on (Engaging Networks resets or deletes): it works
 * again only with the new value the platform issues, recorded by regenerating.
 */
export function worksAgainOnlyWithNewValue(
  profile: ProfileDefinition,
  token: Pick<TokenMeta, 'status'>,
): boolean {
  return profile.invalidationIsFinal === true && token.status === 'inactive';
}

/**
 * An earlier value may be made current again: not where the platform cannot turn an old value back on (Engaging
 * Networks resets a token to a new value; the old one never works again).
 */
export function mayRestoreEarlierValues(profile: ProfileDefinition): boolean {
  return profile.invalidationIsFinal !== true;
}

/** The platform has an on/off switch apart from validity, so "disabled there" can be recorded. */
export function mayRecordDisabled(profile: ProfileDefinition): boolean {
  return profile.switchable !== false;
}

/**
 * A token's values come from its platform (paste what it issued) rather than from Token Vault (generate one to set
 * there): true wherever the platform's guide says it accepts no value it did not issue. Core refuses a value made
 * here for such a token (src/main/core/profiles/profile-policy.ts, checkValueSetHere), so the app does not offer it.
 */
export function platformIssuesValues(profile: ProfileDefinition, token: TokenShape): boolean {
  return !acceptsSetValue(profile, token.kind, token.role);
}

/**
 * Activity can be recorded: under an inactivity rule, a token switched off (by the admin or by the platform's
 * clock at that moment) cannot have been used. `state` is core's state at the moment of the activity.
 */
export function mayRecordActivity(
  profile: ProfileDefinition,
  token: Pick<TokenMeta, 'enabled'>,
  state?: Pick<TokenState, 'disabledForInactivity'>,
): boolean {
  if (!profile.inactivity) return true;
  return token.enabled && state?.disabledForInactivity !== true;
}

/** The length the platform fixes for this token's value (endpoint secondaries: 64 alphanumerics), or null. */
export function fixedValueLength(profile: ProfileDefinition, token: TokenShape): number | null {
  const format = findKindRule(profile, token.kind)?.valueFormat;
  return format && format.roles.includes(token.role) ? format.length : null;
}

/** The description the platform sets for this token (Emplifi's primary: "ACCOUNT Primary Token"), or null. */
export function fixedDescription(
  profile: ProfileDefinition,
  token: TokenShape,
  accountName: string,
): string | null {
  const fixed = findKindRule(profile, token.kind)?.fixedPrimaryDescription;
  return fixed && token.role === 'primary' ? fixed.replace('{account}', accountName) : null;
}

/** "30, 14, 7 and 1": warning days as a phrase. */
export function warnDaysPhrase(days: readonly number[]): string {
  if (days.length <= 1) return days.join('');
  return `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`;
}

/** Everything the detail of one token offers, in one answer. */
export interface TokenActions {
  /**
   * `locked`: the platform allows neither (replace by regenerating). `new-value`: invalidated where the platform
   * cannot turn it back on; recording the new value it issued (regenerate) makes it valid again.
   */
  validity: 'validate' | 'invalidate' | 'locked' | 'new-value';
  /**
   * `re-enable`: the platform's clock disabled it; enabling restarts the count. Null where the platform has no on/off
   * switch apart from validity and the token is on (a token recorded off before is still offered `enable`).
   */
  switch: 'enable' | 'disable' | 're-enable' | null;
  recordActivity: boolean;
  platformIssuesValues: boolean;
  /** The map/unmap panel applies (a profile with mappings, a primary or secondary token). */
  mappings: boolean;
  expiryWarnDays: readonly number[];
  inactivity: InactivityRule | null;
}

export function tokenActions(
  profile: ProfileDefinition,
  token: Pick<TokenMeta, 'kind' | 'role' | 'status' | 'enabled'>,
  state?: Pick<TokenState, 'disabledForInactivity'>,
): TokenActions {
  const platformOff = state?.disabledForInactivity === true;
  return {
    validity: isStatusLocked(profile, token)
      ? 'locked'
      : token.status === 'active'
        ? 'invalidate'
        : worksAgainOnlyWithNewValue(profile, token)
          ? 'new-value'
          : 'validate',
    switch: platformOff
      ? 're-enable'
      : !token.enabled
        ? 'enable'
        : mayRecordDisabled(profile)
          ? 'disable'
          : null,
    recordActivity: mayRecordActivity(profile, token, state),
    platformIssuesValues: platformIssuesValues(profile, token),
    mappings: profile.mapping && token.role !== 'standalone',
    expiryWarnDays: EXPIRY_WARN_DAYS,
    inactivity: profile.inactivity,
  };
}
