import { describe, expect, it } from 'vitest';
import {
  EMPLIFI_PROFILE,
  ENDPOINT_PROFILE,
  ENGAGING_NETWORKS_PROFILE,
  findKindRule,
  findProfile,
  GENERIC_PROFILE,
  ON24_PROFILE,
  PROFILE_IDS,
  PROFILES,
} from '../../src/shared/profiles';

describe('profile definitions (declarative data)', () => {
  it('offers the five profiles, generic still found by id', () => {
    expect(PROFILE_IDS).toEqual(['engaging-networks', 'on24', 'endpoint', 'emplifi', 'generic']);
    expect(findProfile('generic')).toBe(GENERIC_PROFILE);
    expect(findProfile('nope')).toBeUndefined();
  });

  it('every profile with kinds has exactly one rule per kind, and its default kind is one of them', () => {
    for (const profile of PROFILES) {
      expect(profile.kindRules.map((rule) => rule.kind)).toEqual(profile.kinds);
      if (profile.kinds.length) expect(profile.kinds).toContain(profile.defaultKind);
      for (const rule of profile.kindRules) expect(rule.roles.length).toBeGreaterThan(0);
    }
  });

  it('states the platform rules as data', () => {
    expect(findKindRule(ENGAGING_NETWORKS_PROFILE, 'public')).toMatchObject({ maxPerAccount: 1 });
    expect(findKindRule(ENGAGING_NETWORKS_PROFILE, 'private')).toMatchObject({ requiresAssignedTo: true });
    expect(findKindRule(ON24_PROFILE, 'key-secret')).toMatchObject({
      requiresKeyId: true,
      requiresAssignedTo: true,
      onePerAssignee: true,
    });
    expect(ON24_PROFILE.inactivity).toEqual({ disableAfterDays: 60, warnDaysBefore: [14, 7, 1] });
    expect(findKindRule(ENDPOINT_PROFILE, 'endpoint-token')).toMatchObject({
      roles: ['secondary', 'primary'],
      valueFormat: { roles: ['secondary'], length: 64, alphabet: 'alphanumeric' },
    });
    expect(ENDPOINT_PROFILE).toMatchObject({ mapping: true, endpoints: true });
    expect(findKindRule(EMPLIFI_PROFILE, 'bearer')).toMatchObject({
      maxPerAccount: 10,
      maxPrimaryPerAccount: 1,
      statusLockedRoles: ['primary'],
    });
    expect(findKindRule(EMPLIFI_PROFILE, 'client-credentials')).toMatchObject({ requiresKeyId: true });
    expect(EMPLIFI_PROFILE.descriptionRequired).toBe(true);
    expect(GENERIC_PROFILE).toMatchObject({
      kinds: [],
      kindRules: [],
      descriptionRequired: false,
      inactivity: null,
    });
  });
});
