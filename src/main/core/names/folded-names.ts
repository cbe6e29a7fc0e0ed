import { foldedNameKey, visibleText } from '../../../shared/text-rules';

export interface NamedRow {
  id: number;
  name: string;
}

/**
 * Rows with their names folded once (src/shared/text-rules.ts foldedNameKey), for many look-ups against the same
 * rows: an import resolves every account name of its file against one reading of the accounts.
 */
export class FoldedNames<T extends NamedRow> {
  private readonly byKey = new Map<string, T[]>();

  constructor(rows: readonly T[]) {
    for (const row of rows) {
      const key = foldedNameKey(row.name);
      const same = this.byKey.get(key);
      if (same) same.push(row);
      else this.byKey.set(key, [row]);
    }
  }

  /**
   * The row whose name looks the same as `name` (same folded key), other than `exceptId`. Names that must be
   * unique are few (accounts, recipients), so they are compared in full rather than through a stored key: a vault
   * that already holds two look-alike names from before this rule still opens, and the rule applies to every new
   * name and every rename.
   */
  lookAlike(name: string, exceptId?: number): T | undefined {
    return this.byKey.get(foldedNameKey(name))?.find((row) => row.id !== exceptId);
  }

  /** The one row named `name` up to case, normalisation and invisible characters, or undefined (none or several). */
  byFoldedName(name: string): T | undefined {
    const matches = this.byKey.get(foldedNameKey(name)) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
  }
}

/** FoldedNames.lookAlike over `rows` read once. */
export function findLookAlike<T extends NamedRow>(
  rows: readonly T[],
  name: string,
  exceptId?: number,
): T | undefined {
  return new FoldedNames(rows).lookAlike(name, exceptId);
}

/** `"Main" already exists` or, for a look-alike, `"Main" already exists (as "Main<U+200D>")`. */
export function describeTaken(what: string, name: string, holder: NamedRow): string {
  const same = holder.name.toLowerCase() === name.toLowerCase();
  return same
    ? `${what} named "${visibleText(name)}" already exists.`
    : `${what} named "${visibleText(name)}" already exists: "${visibleText(holder.name)}" looks the same.`;
}

/** FoldedNames.byFoldedName over `rows` read once. */
export function findByFoldedName<T extends NamedRow>(rows: readonly T[], name: string): T | undefined {
  return new FoldedNames(rows).byFoldedName(name);
}
