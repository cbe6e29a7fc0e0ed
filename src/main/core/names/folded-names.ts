import { foldedNameKey, visibleText } from '../../../shared/text-rules';

export interface NamedRow {
  id: number;
  name: string;
}

/**
 * The row whose name looks the same as `name` (same folded key, src/shared/text-rules.ts), other than `exceptId`.
 * Names that must be unique are few (accounts, recipients), so they are compared in full rather than through a
 * stored key: a vault that already holds two look-alike names from before this rule still opens, and the rule
 * applies to every new name and every rename.
 */
export function findLookAlike<T extends NamedRow>(
  rows: readonly T[],
  name: string,
  exceptId?: number,
): T | undefined {
  const key = foldedNameKey(name);
  return rows.find((row) => row.id !== exceptId && foldedNameKey(row.name) === key);
}

/** `"Main" already exists` or, for a look-alike, `"Main" already exists (as "Main<U+200D>")`. */
export function describeTaken(what: string, name: string, holder: NamedRow): string {
  const same = holder.name.toLowerCase() === name.toLowerCase();
  return same
    ? `${what} named "${visibleText(name)}" already exists.`
    : `${what} named "${visibleText(name)}" already exists: "${visibleText(holder.name)}" looks the same.`;
}

/** The one row named `name` up to case, normalisation and invisible characters, or undefined (none or several). */
export function findByFoldedName<T extends NamedRow>(rows: readonly T[], name: string): T | undefined {
  const key = foldedNameKey(name);
  const matches = rows.filter((row) => foldedNameKey(row.name) === key);
  return matches.length === 1 ? matches[0] : undefined;
}
