/**
 * Platform rules as data (DESIGN.md section 5). Core enforces them in one policy function; the UI reads them to
 * offer only the kinds and roles a profile allows.
 */
export interface ProfileDefinition {
  id: string;
  label: string;
  description: string;
  /** Kinds a token of this profile may have; empty means any kind. */
  kinds: readonly string[];
  defaultKind: string;
}

export const GENERIC_PROFILE: ProfileDefinition = {
  id: 'generic',
  label: 'Generic',
  description: 'Any platform: no limits on kinds or counts.',
  kinds: [],
  defaultKind: 'api-token',
};

export const PROFILES: readonly ProfileDefinition[] = [GENERIC_PROFILE];

export const PROFILE_IDS = PROFILES.map((profile) => profile.id);

export function findProfile(id: string): ProfileDefinition | undefined {
  return PROFILES.find((profile) => profile.id === id);
}
