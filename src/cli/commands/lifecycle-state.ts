import type { TokenMeta } from '../../shared/model';
import { normaliseDate } from '../../main/core/profiles/token-clocks';
import type { TokenState } from '../../main/core/profiles/token-state';
import type { TokenUsage } from '../../main/core/tokens/token-usage';
import { printLine } from '../output';
import { UsageError } from '../usage-error';

/** A date option (--now, --at, an expiry): 2026-12-31 or full ISO 8601; anything else is a usage error (exit 2). */
export function parseDateOption(text: string, option: string): Date {
  const iso = normaliseDate(text);
  if (!iso) throw new UsageError(`${option} takes a date like 2026-12-31 or 2026-12-31T09:00:00Z.`);
  return new Date(iso);
}

export function parseNowOption(text: string | undefined): Date {
  return text === undefined ? new Date() : parseDateOption(text, '--now');
}

/** The --json shape of a token's state at a moment (docs/cli.md). */
export function stateJson(state: TokenState) {
  return {
    enabled: state.enabled,
    disabledForInactivity: state.disabledForInactivity,
    inactivity: state.inactivity,
    expiry: state.expiry,
    attention: state.attention,
  };
}

export function usageJson(usage: TokenUsage) {
  return {
    inUse: usage.inUse,
    handedTo: usage.handedTo,
    mappedTo: usage.mappedTo,
    mappedFrom: usage.mappedFrom,
    endpoints: usage.endpoints,
  };
}

/** The ENABLED cell of a list: the stored flag, or "no (idle)" when the platform's inactivity rule has switched it off. */
export function enabledCell(token: TokenMeta, state: TokenState): string {
  if (state.disabledForInactivity) return 'no (idle)';
  return token.enabled ? 'yes' : 'no';
}

export function attentionCell(state: TokenState): string {
  return state.attention.join('; ');
}

/** Lines added under `token show`: the state at the moment asked, and where the token is used. */
export function printStateDetail(state: TokenState, usage: TokenUsage, now: Date): void {
  const rows: [string, string][] = [
    ['state at', now.toISOString()],
    [
      'effective',
      state.enabled ? 'enabled' : state.disabledForInactivity ? 'disabled (inactivity)' : 'disabled',
    ],
  ];
  if (state.inactivity) {
    rows.push(['idle limit', `${state.inactivity.limitAt} (${state.inactivity.daysLeft} days left)`]);
  }
  if (state.attention.length) rows.push(['attention', state.attention.join('; ')]);
  const uses: string[] = [
    ...usage.handedTo.map((h) => `handed to ${h.recipient} (${h.lastHandedAt.slice(0, 10)})`),
    ...usage.mappedTo.map(
      (m) => `mapped to ${m.primaryId} "${m.primaryName}"${m.enabled ? '' : ' (mapping disabled)'}`,
    ),
    ...usage.mappedFrom.map(
      (m) => `secondary ${m.secondaryId} "${m.secondaryName}"${m.enabled ? '' : ' (mapping disabled)'}`,
    ),
    ...usage.endpoints.map((e) => `serves ${e.method} on "${e.endpoint}"`),
  ];
  rows.push(['in use', uses.length ? uses[0]! : 'no']);
  for (const more of uses.slice(1)) rows.push(['', more]);
  for (const [label, value] of rows) printLine(`${label.padEnd(14)}${value}`);
}
