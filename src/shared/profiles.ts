/**
 * Platform rules as data (docs/architecture.md lists where each is enforced). Core enforces them in one policy function; the UI reads them to
 * offer only the kinds and roles a profile allows, and to label fields the way the platform does.
 */
import type { TokenRole } from './model';

export const HTTP_METHODS = ['POST', 'GET', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What one kind of token may be within a profile. Absent limits mean "no limit". */
export interface KindRule {
  kind: string;
  label: string;
  /** Roles a token of this kind may take; the first is the default when none is asked for. */
  roles: readonly TokenRole[];
  maxPerAccount?: number;
  maxPrimaryPerAccount?: number;
  /** The platform logs every use against a user (Engaging Networks private tokens, ON24 producer logins). */
  requiresAssignedTo?: boolean;
  assignedToLabel?: string;
  /** At most one token of this kind per assigned user (ON24 provisions one token per producer login). */
  onePerAssignee?: boolean;
  /** The non-secret half of a pair (ON24 token key, OAuth site key) must be recorded. */
  requiresKeyId?: boolean;
  keyIdLabel?: string;
  valueLabel?: string;
  /** Values the platform generates in a fixed shape, for the listed roles (endpoint secondaries: 64 alphanumerics). */
  valueFormat?: { roles: readonly TokenRole[]; length: number; alphabet: 'alphanumeric' };
  /** Roles whose status (valid/invalid) the platform does not let a manager change; they can only be replaced. */
  statusLockedRoles?: readonly TokenRole[];
  /** The primary's description is set by the platform and cannot be edited; `{account}` is the account name. */
  fixedPrimaryDescription?: string;
}

export interface InactivityRule {
  /** The platform disables a token after this many days without activity. */
  disableAfterDays: number;
  /** Warnings go out this many days before the limit, largest first. */
  warnDaysBefore: readonly number[];
}

export interface DescriptionCharacters {
  /** A regular expression matching one allowed character (Unicode mode). */
  allowed: string;
  /** The allowed characters in words, for the refusal sentence. */
  described: string;
}

export interface ProfileDefinition {
  id: string;
  label: string;
  description: string;
  /** Kinds a token of this profile may have; empty means any kind. */
  kinds: readonly string[];
  defaultKind: string;
  /** One rule per kind in `kinds`; empty for a profile without limits. */
  kindRules: readonly KindRule[];
  descriptionRequired: boolean;
  /** Characters a description may hold (the platform prohibits the others); absent: any text. */
  descriptionCharacters?: DescriptionCharacters;
  inactivity: InactivityRule | null;
  /** Secondary tokens may be mapped to primary tokens, each mapping with its own enabled flag. */
  mapping: boolean;
  /** The account has endpoints, each HTTP method served by tokens (DELETE only when the account allows deleting). */
  endpoints: boolean;
  /**
   * The platform cannot turn an invalidated token back on: it resets or deletes it and issues a new value, which works
   * at once. Validating the old value is refused; recording the new one (regenerate) makes the token valid again.
   */
  invalidationIsFinal?: boolean;
  /**
   * False where the platform has no on/off switch apart from validity (Engaging Networks, Emplifi): "disabled" is not
   * a fact that can be recorded there, so only invalidating is offered. Absent: the platform has one.
   */
  switchable?: boolean;
}

export const GENERIC_PROFILE: ProfileDefinition = {
  id: 'generic',
  label: 'Generic',
  description: 'Any platform: no limits on kinds or counts.',
  kinds: [],
  defaultKind: 'api-token',
  kindRules: [],
  descriptionRequired: false,
  inactivity: null,
  mapping: true,
  endpoints: true,
};

export const ENGAGING_NETWORKS_PROFILE: ProfileDefinition = {
  id: 'engaging-networks',
  label: 'Engaging Networks',
  description: 'One public token per account; any number of private tokens, each assigned to a user.',
  kinds: ['public', 'private'],
  defaultKind: 'private',
  kindRules: [
    { kind: 'public', label: 'Public token', roles: ['standalone'], maxPerAccount: 1 },
    {
      kind: 'private',
      label: 'Private token',
      roles: ['standalone'],
      requiresAssignedTo: true,
      assignedToLabel: 'User',
    },
  ],
  descriptionRequired: false,
  inactivity: null,
  mapping: false,
  endpoints: false,
  invalidationIsFinal: true,
  switchable: false,
};

export const ON24_PROFILE: ProfileDefinition = {
  id: 'on24',
  label: 'ON24',
  description:
    'Token key and secret pairs, one per producer login; disabled after 60 days without activity, warnings before.',
  kinds: ['key-secret'],
  defaultKind: 'key-secret',
  kindRules: [
    {
      kind: 'key-secret',
      label: 'Token key and secret',
      roles: ['standalone'],
      requiresAssignedTo: true,
      assignedToLabel: 'Producer login',
      onePerAssignee: true,
      requiresKeyId: true,
      keyIdLabel: 'Token key',
      valueLabel: 'Token secret',
    },
  ],
  descriptionRequired: false,
  inactivity: { disableAfterDays: 60, warnDaysBefore: [14, 7, 1] },
  mapping: false,
  endpoints: false,
};

export const ENDPOINT_PROFILE: ProfileDefinition = {
  id: 'endpoint',
  label: 'Endpoint',
  description:
    'Primary tokens per HTTP method of each endpoint; secondary tokens of 64 alphanumerics, one per application, mapped to primaries.',
  kinds: ['endpoint-token'],
  defaultKind: 'endpoint-token',
  kindRules: [
    {
      kind: 'endpoint-token',
      label: 'Endpoint token',
      roles: ['secondary', 'primary'],
      valueFormat: { roles: ['secondary'], length: 64, alphabet: 'alphanumeric' },
    },
  ],
  descriptionRequired: false,
  inactivity: null,
  mapping: true,
  endpoints: true,
};

export const EMPLIFI_PROFILE: ProfileDefinition = {
  id: 'emplifi',
  label: 'Emplifi Ratings & Reviews',
  description:
    'OAuth2 client credentials and up to 10 bearer tokens (one primary, nine others); a description is required.',
  kinds: ['bearer', 'client-credentials'],
  defaultKind: 'bearer',
  kindRules: [
    {
      kind: 'bearer',
      label: 'Bearer token',
      roles: ['secondary', 'primary'],
      maxPerAccount: 10,
      maxPrimaryPerAccount: 1,
      statusLockedRoles: ['primary'],
      fixedPrimaryDescription: '{account} Primary Token',
    },
    {
      kind: 'client-credentials',
      label: 'Client credentials',
      roles: ['standalone'],
      maxPerAccount: 1,
      requiresKeyId: true,
      keyIdLabel: 'Site key (client_id)',
      valueLabel: 'Auth key (client_secret)',
    },
  ],
  descriptionRequired: true,
  // Emplifi prohibits special characters in descriptions; these are the ones we keep (letters of any script too).
  descriptionCharacters: {
    allowed: "[\\p{L}\\p{N} .,;:'()/_!?-]",
    described: "letters, digits, spaces and . , ; : ' ( ) / _ ! ? -",
  },
  inactivity: null,
  mapping: false,
  endpoints: false,
  switchable: false,
};

export const PROFILES: readonly ProfileDefinition[] = [
  ENGAGING_NETWORKS_PROFILE,
  ON24_PROFILE,
  ENDPOINT_PROFILE,
  EMPLIFI_PROFILE,
  GENERIC_PROFILE,
];

export const PROFILE_IDS = PROFILES.map((profile) => profile.id);

export function findProfile(id: string): ProfileDefinition | undefined {
  return PROFILES.find((profile) => profile.id === id);
}

/** The rule for one kind, or undefined when the profile has no rule for it (generic: any kind goes). */
export function findKindRule(profile: ProfileDefinition, kind: string): KindRule | undefined {
  return profile.kindRules.find((rule) => rule.kind === kind);
}
