import type { TokenMeta } from '../../../shared/model';

/** List order everywhere (DESIGN.md section 5): primary, then active, then inactive; then by name. */
export function compareTokens(a: TokenMeta, b: TokenMeta): number {
  const rank = (token: TokenMeta) => (token.role === 'primary' ? 0 : token.status === 'active' ? 1 : 2);
  return rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id;
}
