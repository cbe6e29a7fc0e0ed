import { describe, expect, it } from 'vitest';
import { ON24_PROFILE } from '../../src/shared/profiles';
import { DAY_MS, expiryState, inactivityState, warningFor } from '../../src/main/core/profiles/token-clocks';

const rule = ON24_PROFILE.inactivity!;
const start = Date.parse('2026-01-01T00:00:00.000Z');
const at = (days: number) => new Date(start + days * DAY_MS);

describe('the inactivity clock (ON24: 60 days, warnings 14, 7 and 1 days before)', () => {
  const never = { createdAt: at(0).toISOString(), lastActivityAt: null, inactivityResetAt: null };

  it('counts from creation when the token was never used, and disables at exactly 60 days', () => {
    expect(inactivityState(rule, never, at(45))).toMatchObject({
      daysLeft: 15,
      warning: null,
      disabled: false,
    });
    expect(inactivityState(rule, never, at(46))).toMatchObject({
      daysLeft: 14,
      warning: 14,
      disabled: false,
    });
    expect(inactivityState(rule, never, at(53))).toMatchObject({ daysLeft: 7, warning: 7 });
    expect(inactivityState(rule, never, at(54))).toMatchObject({ daysLeft: 6, warning: 7 });
    expect(inactivityState(rule, never, at(59))).toMatchObject({ daysLeft: 1, warning: 1 });
    expect(inactivityState(rule, never, new Date(at(60).getTime() - 1))).toMatchObject({
      disabled: false,
      daysLeft: 1,
    });
    expect(inactivityState(rule, never, at(60))).toMatchObject({
      disabled: true,
      daysLeft: 0,
      warning: null,
      limitAt: at(60).toISOString(),
    });
  });

  it('counts from the later of last activity and last re-enable, even when the token was recorded later', () => {
    const used = {
      createdAt: at(100).toISOString(),
      lastActivityAt: at(10).toISOString(),
      inactivityResetAt: null,
    };
    expect(inactivityState(rule, used, at(69))).toMatchObject({
      countingFrom: at(10).toISOString(),
      daysLeft: 1,
    });
    expect(inactivityState(rule, used, at(70)).disabled).toBe(true);
    const reset = { ...used, inactivityResetAt: at(80).toISOString() };
    expect(inactivityState(rule, reset, at(100))).toMatchObject({ disabled: false, daysLeft: 40 });
  });

  it('warning thresholds pick the tightest one that applies', () => {
    expect(warningFor(20, [14, 7, 1])).toBeNull();
    expect(warningFor(14, [14, 7, 1])).toBe(14);
    expect(warningFor(2, [14, 7, 1])).toBe(7);
    expect(warningFor(0, [14, 7, 1])).toBe(1);
  });
});

describe('expiry', () => {
  it('expired from the instant named, with warnings 30, 14, 7 and 1 days before', () => {
    const expires = at(40).toISOString();
    expect(expiryState(expires, at(0))).toMatchObject({ expired: false, daysLeft: 40, warning: null });
    expect(expiryState(expires, at(15))).toMatchObject({ daysLeft: 25, warning: 30 });
    expect(expiryState(expires, at(39.5))).toMatchObject({ daysLeft: 1, warning: 1 });
    expect(expiryState(expires, at(40))).toMatchObject({ expired: true, daysLeft: 0 });
  });
});
