import { describe, expect, it } from 'vitest';
import type { TokenState } from '../../src/shared/token-views';
import {
  describeTokenState,
  matchesStateFilter,
  TOKEN_STATE_FILTERS,
} from '../../src/shared/token-state-vocabulary';
import {
  EXPIRY_WARN_DAYS,
  isStatusLocked,
  mayRecordActivity,
  platformIssuesValues,
  tokenActions,
  warnDaysPhrase,
} from '../../src/shared/token-questions';
import {
  EMPLIFI_PROFILE,
  ENDPOINT_PROFILE,
  ENGAGING_NETWORKS_PROFILE,
  GENERIC_PROFILE,
  ON24_PROFILE,
} from '../../src/shared/profiles';

function state(partial: Partial<TokenState>): TokenState {
  return {
    tokenId: 1,
    enabled: true,
    disabledForInactivity: false,
    inactivity: null,
    expiry: null,
    attention: [],
    ...partial,
  };
}

const idle = state({
  enabled: false,
  disabledForInactivity: true,
  inactivity: {
    countingFrom: '2026-01-01T00:00:00.000Z',
    limitAt: '2026-03-02T00:00:00.000Z',
    disableAfterDays: 60,
    daysLeft: 0,
    disabled: true,
    warning: null,
  },
});
const expired = state({
  expiry: { expiresAt: '2026-01-01T00:00:00.000Z', expired: true, daysLeft: 0, warning: null },
});
const expiring = state({
  expiry: { expiresAt: '2026-01-04T00:00:00.000Z', expired: false, daysLeft: 3, warning: 7 },
});

const texts = (facts: { text: string }[]) => facts.map((fact) => fact.text);

describe('one vocabulary of token state', () => {
  it('says valid/invalidated, never active/inactive, and the same words in the badges, the summary and the filter', () => {
    const invalidated = describeTokenState({ status: 'inactive', enabled: true });
    expect(texts(invalidated.badges)).toEqual(['invalidated']);
    expect(invalidated.summary).toBe('invalidated, enabled');
    expect(TOKEN_STATE_FILTERS.find((f) => f.id === 'invalidated')?.label).toBe('Invalidated');
    expect(matchesStateFilter(invalidated, 'invalidated')).toBe(true);
    expect(matchesStateFilter(invalidated, 'usable')).toBe(false);
    const fine = describeTokenState({ status: 'active', enabled: true });
    expect(texts(fine.badges)).toEqual(['valid']);
    expect(fine.badges[0]?.tone).toBe('ok');
    expect(fine.usable).toBe(true);
    for (const description of [invalidated, fine])
      expect(JSON.stringify(description)).not.toMatch(/\b(in)?active\b/);
  });

  it('never shows "valid" next to a disabled-for-inactivity or an expired token', () => {
    const idleToken = describeTokenState({ status: 'active', enabled: true }, idle);
    expect(texts(idleToken.badges)).toEqual(['disabled after 60 days without activity']);
    expect(idleToken.badges.every((fact) => fact.tone === 'off')).toBe(true);
    expect(idleToken.summary).toBe('valid, disabled after 60 days without activity');
    expect(idleToken.attention).toEqual(['disabled after 60 days without activity']);
    expect(matchesStateFilter(idleToken, 'disabled')).toBe(true);
    expect(idleToken.usable).toBe(false);

    const expiredToken = describeTokenState({ status: 'active', enabled: true }, expired);
    expect(texts(expiredToken.badges)).toEqual(['expired']);
    expect(matchesStateFilter(expiredToken, 'expired')).toBe(true);
    expect(matchesStateFilter(expiredToken, 'usable')).toBe(false);

    const both = describeTokenState({ status: 'inactive', enabled: false }, expired);
    expect(texts(both.badges)).toEqual(['invalidated', 'disabled', 'expired']);
  });

  it('a warning stands beside "valid" and counts as needing attention', () => {
    const soon = describeTokenState({ status: 'active', enabled: true }, expiring);
    expect(soon.badges.map((f) => [f.text, f.tone])).toEqual([
      ['valid', 'ok'],
      ['expires in 3 days', 'warn'],
    ]);
    expect(matchesStateFilter(soon, 'attention')).toBe(true);
    expect(matchesStateFilter(soon, 'usable')).toBe(true);
  });
});

describe('the questions the screens ask, answered once', () => {
  it('status locked only for the Emplifi primary bearer', () => {
    expect(isStatusLocked(EMPLIFI_PROFILE, { kind: 'bearer', role: 'primary' })).toBe(true);
    expect(isStatusLocked(EMPLIFI_PROFILE, { kind: 'bearer', role: 'secondary' })).toBe(false);
    expect(isStatusLocked(GENERIC_PROFILE, { kind: 'bearer', role: 'primary' })).toBe(false);
  });

  it('the platform issues values except where Token Vault generates them (generic, endpoint secondaries)', () => {
    expect(platformIssuesValues(ENGAGING_NETWORKS_PROFILE, { kind: 'private', role: 'standalone' })).toBe(
      true,
    );
    expect(platformIssuesValues(ENDPOINT_PROFILE, { kind: 'endpoint-token', role: 'secondary' })).toBe(false);
    expect(platformIssuesValues(ENDPOINT_PROFILE, { kind: 'endpoint-token', role: 'primary' })).toBe(true);
    expect(platformIssuesValues(GENERIC_PROFILE, { kind: 'api-token', role: 'standalone' })).toBe(false);
  });

  it('activity: not on a token ON24 disabled or the admin disabled; always elsewhere', () => {
    expect(mayRecordActivity(ON24_PROFILE, { enabled: true }, idle)).toBe(false);
    expect(mayRecordActivity(ON24_PROFILE, { enabled: false })).toBe(false);
    expect(mayRecordActivity(ON24_PROFILE, { enabled: true })).toBe(true);
    expect(mayRecordActivity(GENERIC_PROFILE, { enabled: false })).toBe(true);
  });

  it('tokenActions gathers them: what the detail offers', () => {
    expect(
      tokenActions(
        ON24_PROFILE,
        { kind: 'key-secret', role: 'standalone', status: 'active', enabled: true },
        idle,
      ),
    ).toEqual({
      validity: 'invalidate',
      switch: 're-enable',
      recordActivity: false,
      platformIssuesValues: true,
      mappings: false,
      expiryWarnDays: [30, 14, 7, 1],
      inactivity: ON24_PROFILE.inactivity,
    });
    expect(
      tokenActions(EMPLIFI_PROFILE, { kind: 'bearer', role: 'primary', status: 'active', enabled: false })
        .validity,
    ).toBe('locked');
    // Engaging Networks cannot turn an invalidated token back on: it works again only with a new value.
    const en = (status: 'active' | 'inactive') =>
      tokenActions(ENGAGING_NETWORKS_PROFILE, { kind: 'private', role: 'standalone', status, enabled: true })
        .validity;
    expect([en('active'), en('inactive')]).toEqual(['invalidate', 'new-value']);
    // Engaging Networks and Emplifi have no on/off switch apart from validity: no Disable; a token recorded off
    // before can still be recorded on again.
    for (const [profile, kind] of [
      [ENGAGING_NETWORKS_PROFILE, 'private'],
      [EMPLIFI_PROFILE, 'bearer'],
    ] as const) {
      const on = (enabled: boolean) =>
        tokenActions(profile, { kind, role: 'standalone', status: 'active', enabled }).switch;
      expect([on(true), on(false)]).toEqual([null, 'enable']);
    }
    expect(
      tokenActions(GENERIC_PROFILE, {
        kind: 'api-token',
        role: 'standalone',
        status: 'active',
        enabled: true,
      }).switch,
    ).toBe('disable');
    expect(
      tokenActions(EMPLIFI_PROFILE, { kind: 'bearer', role: 'secondary', status: 'inactive', enabled: true })
        .validity,
    ).toBe('validate');
    expect(warnDaysPhrase(EXPIRY_WARN_DAYS)).toBe('30, 14, 7 and 1');
  });
});
