import { localDayOf } from '../../shared/dates';
import type { TokenMeta } from '../../shared/model';
import { parseInstant } from '../../shared/dates';
import type { TokenState } from '../../main/core/profiles/token-state';
import type { TokenUsage } from '../../main/core/tokens/token-usage';
import { describeTokenState } from '../../shared/token-state-vocabulary';
import { printLine } from '../output';
import { UsageError } from '../usage-error';

/**
 * A date option (--now, --at, an expiry) through the one strict parser (src/shared/dates.ts): a day means the start
 * of that day in this machine's time zone, as in the app; anything else is a usage error (exit 2).
 */
export function parseDateOption(text: string, option: string): Date {
  const iso = parseInstant(text);
  if (!iso) throw new UsageError(`${option} takes a date like 2026-12-31 or 2026-12-31T09:00:00Z.`);
  return new Date(iso);
}

export function parseNowOption(text: string | undefined): Date {
  return text === undefined ? new Date() : parseDateOption(text, '--now');
}

/** The --json shape of a token's state at a moment (docs/cli.md); the words are the app's (shared vocabulary). */
export function stateJson(token: TokenMeta, state: TokenState) {
  const described = describeTokenState(token, state);
  return {
    enabled: state.enabled,
    disabledForInactivity: state.disabledForInactivity,
    inactivity: state.inactivity,
    expiry: state.expiry,
    attention: state.attention,
    summary: described.summary,
    usable: described.usable,
    facts: described.facts,
    badges: described.badges,
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

/** The STATE cell of a list: the badges the app's list shows, in the same words. */
export function stateCell(token: TokenMeta, state: TokenState): string {
  return describeTokenState(token, state)
    .badges.map((fact) => fact.text)
    .join('; ');
}

/** Lines added under `token show`: the state at the moment asked, and where the token is used. */
export function printStateDetail(token: TokenMeta, state: TokenState, usage: TokenUsage, now: Date): void {
  const rows: [string, string][] = [
    ['state at', now.toISOString()],
    ['state', describeTokenState(token, state).summary],
  ];
  if (state.inactivity) {
    rows.push(['idle limit', `${state.inactivity.limitAt} (${state.inactivity.daysLeft} days left)`]);
  }
  if (state.attention.length) rows.push(['attention', state.attention.join('; ')]);
  const uses: string[] = [
    ...usage.handedTo.map((h) => `handed to ${h.recipient} (${localDayOf(h.lastHandedAt)})`),
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
