import { findKindRule, type ProfileDefinition } from './profiles';

/**
 * How many tokens of this kind the platform allows on one account (Emplifi: 10 bearer tokens), or null when it
 * sets no cap; the detail says "4 of 10 used" from it. Core's policy enforces the same number.
 */
export function kindCapacity(profile: ProfileDefinition, kind: string): number | null {
  return findKindRule(profile, kind)?.maxPerAccount ?? null;
}
