import type { TokenRole } from '../../../../shared/model';

/** A token's role as a word, never the stored code. */
export const ROLE_WORDS: Record<TokenRole, string> = {
  standalone: 'Standalone (not mapped)',
  primary: 'Primary (the one integrations use)',
  secondary: 'Secondary (one per application)',
};
