/**
 * What core computes about tokens beyond their stored fields (state at a moment, where a token is used, mappings,
 * endpoints, health). Shared so the IPC contract, the CLI and the renderer are typed from the same shapes.
 * None of them carries a secret value.
 */
import type { TokenRole } from './model';
import type { HttpMethod } from './profiles';

export interface InactivityState {
  /** When the count of idle days started: the later of last activity and last re-enable, else creation. */
  countingFrom: string;
  /** When the platform disables the token unless activity comes first. */
  limitAt: string;
  /** The platform's rule: disabled after this many days without activity. */
  disableAfterDays: number;
  /** Whole days left before the limit, rounded up; 0 once it is reached. */
  daysLeft: number;
  disabled: boolean;
  /** The warning in force (for ON24: 14, 7 or 1 days before), or null. */
  warning: number | null;
}

export interface ExpiryState {
  expiresAt: string;
  expired: boolean;
  /** Whole days left, rounded up; 0 once expired. */
  daysLeft: number;
  warning: number | null;
}

/** How a token stands at a given moment, beyond its stored fields. */
export interface TokenState {
  tokenId: number;
  /** The stored flag, and not disabled by the platform's inactivity rule at that moment. */
  enabled: boolean;
  disabledForInactivity: boolean;
  /** Only for profiles with an inactivity rule, and only while the stored flag is on. */
  inactivity: InactivityState | null;
  expiry: ExpiryState | null;
  /**
   * The clock phrases ("disabled after 60 days without activity", "expires in 3 days"); empty when fine. The words
   * come from src/shared/token-state-vocabulary.ts.
   */
  attention: string[];
}

/** Where a token is used: who was given it, what it is mapped to or from, which endpoint methods it serves. */
export interface TokenUsage {
  tokenId: number;
  /** Agencies that hold the token's current value (handed over and not rotated since). */
  handedTo: { recipient: string; lastHandedAt: string }[];
  /** As a secondary: the primaries it is mapped to. */
  mappedTo: { primaryId: number; primaryName: string; enabled: boolean }[];
  /** As a primary: the secondaries mapped to it. */
  mappedFrom: { secondaryId: number; secondaryName: string; enabled: boolean }[];
  endpoints: { endpointId: number; endpoint: string; method: HttpMethod }[];
  inUse: boolean;
}

export interface TokenLink {
  secondaryId: number;
  secondaryName: string;
  primaryId: number;
  primaryName: string;
  accountId: number;
  enabled: boolean;
  createdAt: string;
}

export interface EndpointAssignment {
  method: HttpMethod;
  tokenId: number;
  tokenName: string;
  role: TokenRole;
}

export interface Endpoint {
  id: number;
  accountId: number;
  accountName: string;
  name: string;
  createdAt: string;
  /** Sorted POST, GET, DELETE; within a method the primary first. */
  assignments: EndpointAssignment[];
}

export const HEALTH_KINDS = [
  'inactivity-disabled',
  'expired',
  'inactivity-soon',
  'expiring',
  'duplicate-value',
  'not-rotated',
  'never-used',
  'handed-to-agency',
] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

export type HealthSeverity = 'critical' | 'warning' | 'info';

export interface HealthItem {
  kind: HealthKind;
  severity: HealthSeverity;
  /** One token, or several for a value stored twice. Ids and names only: never a value. */
  tokens: { id: number; name: string; account: string }[];
  message: string;
  /** The date the item is about: inactivity limit, expiry, last rotation, creation or last handoff. */
  date: string | null;
  daysLeft: number | null;
  recipients?: string[];
}

export interface HealthReport {
  now: string;
  rotationDays: number;
  tokenCount: number;
  counts: Record<HealthKind, number>;
  /** Critical first, then warnings, then information; soonest first within each. */
  items: HealthItem[];
}
