import { VaultError } from '../../shared/errors';
import { assessPassword, describeWeakPassword } from '../../shared/password-strength';

export { normalisePassword } from '../../shared/password-strength';

/** Throws WEAK_PASSWORD with zxcvbn's advice when the master password is refused. */
export function enforceMasterPasswordPolicy(password: string, userInputs: string[] = []): void {
  const assessment = assessPassword(password, userInputs);
  if (!assessment.acceptable) throw new VaultError('WEAK_PASSWORD', describeWeakPassword(assessment));
}
