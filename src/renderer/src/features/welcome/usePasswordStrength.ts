import { useEffect, useState } from 'react';

type StrengthModule = typeof import('../../../../shared/password-strength');

let loading: Promise<StrengthModule> | null = null;

/**
 * zxcvbn and its dictionaries (most of the renderer's code by size) load the first time a screen that judges a
 * new master password opens, not at start-up: unlocking and everyday work never pay for them (as in main, see
 * docs/decisions/0003). The judgement is the shared module's, so the meter and main's rule cannot disagree.
 */
export function loadPasswordStrength(): Promise<StrengthModule> {
  loading ??= import('../../../../shared/password-strength');
  return loading;
}

/** The shared password-strength module once loaded; null for the moment it takes to load. */
export function usePasswordStrength(): StrengthModule | null {
  const [strength, setStrength] = useState<StrengthModule | null>(null);
  useEffect(() => {
    let mounted = true;
    void loadPasswordStrength().then((module) => mounted && setStrength(module));
    return () => {
      mounted = false;
    };
  }, []);
  return strength;
}
