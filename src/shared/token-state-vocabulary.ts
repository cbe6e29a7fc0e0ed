/**
 * One vocabulary of token state: the words and tones every surface (CLI table and --json, list badges, the detail,
 * the filters) uses for the same facts. Pure: core computes the `TokenState` (clocks, platform-side disable) in
 * src/main/core/profiles/token-state.ts; this turns the stored fields plus that state into words, and nothing else
 * does.
 */
import { plural } from './plural';
import type { TokenMeta, TokenStatus } from './model';
import type { TokenState } from './token-views';

/** `ok`: usable; `off`: not usable now (invalidated, disabled, expired); `warn`: a clock runs out soon. */
export type StateTone = 'ok' | 'off' | 'warn';

export type StateFactId =
  | 'valid'
  | 'invalidated'
  | 'enabled'
  | 'disabled'
  | 'disabled-inactivity'
  | 'expired'
  | 'expiring'
  | 'inactivity-soon';

export interface StateFact {
  id: StateFactId;
  text: string;
  tone: StateTone;
}

export interface TokenStateDescription {
  /** Validity, switch, then the clocks: the whole picture, what the detail shows. */
  facts: StateFact[];
  /** What a list row shows: the facts that are off or warn, or `valid` (then the warnings) when nothing is off. */
  badges: StateFact[];
  /** The facts as one line ("valid, disabled"), for a detail field or a CLI cell. */
  summary: string;
  /** The clock facts only (inactivity, then expiry): "disabled after 60 days without activity", "expires in 3 days". */
  attention: string[];
  /** Valid, enabled (by the admin and by the platform's clock) and not expired. */
  usable: boolean;
}

/** The stored validity (`status`) in words: the platform's "valid" or "invalidated", never "active"/"inactive". */
export const VALIDITY_WORDS: Readonly<Record<TokenStatus, 'valid' | 'invalidated'>> = {
  active: 'valid',
  inactive: 'invalidated',
};

/** The clock facts of a state, inactivity first, then expiry. Core's `TokenState.attention` is these texts. */
export function clockFacts(state: Pick<TokenState, 'inactivity' | 'expiry'> | undefined): StateFact[] {
  const facts: StateFact[] = [];
  const inactivity = state?.inactivity ?? null;
  if (inactivity?.disabled)
    facts.push({
      id: 'disabled-inactivity',
      text: `disabled after ${inactivity.disableAfterDays} days without activity`,
      tone: 'off',
    });
  else if (inactivity && inactivity.warning !== null)
    facts.push({
      id: 'inactivity-soon',
      text: `${plural(inactivity.daysLeft, 'day')} to the inactivity limit`,
      tone: 'warn',
    });
  const expiry = state?.expiry ?? null;
  if (expiry?.expired) facts.push({ id: 'expired', text: 'expired', tone: 'off' });
  else if (expiry && expiry.warning !== null)
    facts.push({ id: 'expiring', text: `expires in ${plural(expiry.daysLeft, 'day')}`, tone: 'warn' });
  return facts;
}

/**
 * A token in words. `state` is core's computed state at a moment; absent (the `tokenStates` answer leaves out tokens
 * without a clock), the stored fields are the whole story.
 */
export function describeTokenState(
  token: Pick<TokenMeta, 'status' | 'enabled'>,
  state?: TokenState,
): TokenStateDescription {
  const validity: StateFact =
    token.status === 'active'
      ? { id: 'valid', text: VALIDITY_WORDS.active, tone: 'ok' }
      : { id: 'invalidated', text: VALIDITY_WORDS.inactive, tone: 'off' };
  const clocks = clockFacts(state);
  const platformOff = clocks.some((fact) => fact.id === 'disabled-inactivity');
  const facts: StateFact[] = [validity];
  // Disabled by the platform's clock says more than "disabled": it stands in the switch's place.
  if (!platformOff)
    facts.push(
      token.enabled
        ? { id: 'enabled', text: 'enabled', tone: 'ok' }
        : { id: 'disabled', text: 'disabled', tone: 'off' },
    );
  facts.push(...clocks);
  const off = facts.filter((fact) => fact.tone === 'off');
  const warnings = facts.filter((fact) => fact.tone === 'warn');
  return {
    facts,
    badges: off.length > 0 ? [...off, ...warnings] : [validity, ...warnings],
    summary: facts.map((fact) => fact.text).join(', '),
    attention: clocks.map((fact) => fact.text),
    usable: off.length === 0,
  };
}

/** The list filter on state, in the same words as the badges. */
export const TOKEN_STATE_FILTERS = [
  { id: 'usable', label: 'Valid and enabled' },
  { id: 'invalidated', label: 'Invalidated' },
  { id: 'disabled', label: 'Disabled' },
  { id: 'expired', label: 'Expired' },
  { id: 'attention', label: 'Needs attention' },
] as const;
export type TokenStateFilter = (typeof TOKEN_STATE_FILTERS)[number]['id'];

export function matchesStateFilter(description: TokenStateDescription, filter: TokenStateFilter): boolean {
  const has = (id: StateFactId) => description.facts.some((fact) => fact.id === id);
  switch (filter) {
    case 'usable':
      return description.usable;
    case 'invalidated':
      return has('invalidated');
    case 'disabled':
      return has('disabled') || has('disabled-inactivity');
    case 'expired':
      return has('expired');
    case 'attention':
      return description.attention.length > 0;
  }
}

export { plural };
