import type { TokenRole } from '../../../../shared/model';
import { findKindRule, GENERIC_PROFILE, type ProfileDefinition } from '../../../../shared/profiles';

/**
 * The platform issues this token's values (Engaging Networks, ON24, Emplifi): the admin pastes what it shows;
 * only a value shape the profile fixes (endpoint secondaries) or a generic account is generated here.
 */
export function platformIssuesValues(profile: ProfileDefinition, kind: string, role: TokenRole): boolean {
  const rule = findKindRule(profile, kind);
  return profile.id !== GENERIC_PROFILE.id && !rule?.valueFormat?.roles.includes(role);
}
