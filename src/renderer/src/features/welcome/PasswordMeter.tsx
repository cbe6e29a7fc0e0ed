import { usePasswordStrength } from './usePasswordStrength';

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** Live zxcvbn feedback, the same judgement main applies when the vault is created. */
export function PasswordMeter({ password, userInputs }: { password: string; userInputs: string[] }) {
  const strength = usePasswordStrength();
  if (!password || !strength) {
    return (
      <p className="hint" id="password-advice">
        {strength && `At least ${strength.MIN_MASTER_PASSWORD_LENGTH} characters. `}A few unrelated words make
        a strong, memorable password.
      </p>
    );
  }
  const { assessPassword, MIN_MASTER_PASSWORD_LENGTH } = strength;
  const assessment = assessPassword(password, userInputs);
  const advice = [assessment.warning, ...assessment.suggestions].filter(Boolean);
  if (assessment.length < MIN_MASTER_PASSWORD_LENGTH) {
    advice.unshift(`Use at least ${MIN_MASTER_PASSWORD_LENGTH} characters (${assessment.length} so far).`);
  }
  return (
    <div className="meter" id="password-advice" aria-live="polite">
      <div
        className={`meter-bar meter-${assessment.score}`}
        role="meter"
        aria-label="Password strength"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={assessment.score}
        aria-valuetext={LABELS[assessment.score]}
      >
        <span style={{ width: `${((assessment.score + 1) / 5) * 100}%` }} />
      </div>
      <p className="meter-label">
        {LABELS[assessment.score]}
        {assessment.acceptable
          ? assessment.score === 4
            ? ' — excellent.'
            : ' — good enough; one more word makes it excellent.'
          : ' — not accepted yet.'}
      </p>
      {advice.length > 0 && (
        <ul className="advice">
          {advice.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
