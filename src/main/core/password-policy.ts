import { VaultError } from '../../shared/errors';
import type * as PasswordStrength from '../../shared/password-strength';

// zxcvbn's dictionaries add about 40 MB to a process once loaded, and only creating a vault or changing its
// password needs them: they load on first use, so a process that merely unlocks a vault never pays for them.
let passwordStrength: Promise<typeof PasswordStrength> | undefined;

/** NFKC (docs/security.md), the normalisation shared/password-strength also applies before judging. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Throws WEAK_PASSWORD with zxcvbn's advice when the master password is refused. */
export async function enforceMasterPasswordPolicy(
  password: string,
  userInputs: string[] = [],
): Promise<void> {
  passwordStrength ??= import('../../shared/password-strength');
  const { assessPassword, describeWeakPassword } = await passwordStrength;
  const assessment = assessPassword(password, userInputs);
  if (!assessment.acceptable) throw new VaultError('WEAK_PASSWORD', describeWeakPassword(assessment));
}
