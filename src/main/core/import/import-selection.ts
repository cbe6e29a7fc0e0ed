import { VaultError } from '../../../shared/errors';
import type { ImportPlan } from '../../../shared/import-views';

/**
 * The one rule for the rows an import writes when no row numbers were chosen: every row the profile accepts whose
 * value the vault (or an earlier row of the file) does not already hold, and those duplicates too when the plan
 * says `includeDuplicates`. The app's preview starts from it and the CLI's `import` without `--rows` writes it.
 */
export function selectedByDefault(
  row: { refusal: string | null; duplicate: string | null },
  plan: Pick<ImportPlan, 'includeDuplicates'>,
): boolean {
  return row.refusal === null && (plan.includeDuplicates === true || row.duplicate === null);
}

/**
 * What a commit with no row numbers does with rows the profile refuses: leave them out (the app, whose preview
 * showed them), or stop before anything is written (the CLI without --skip-refused, which showed no preview).
 */
export type RefusedRows = 'skip' | 'stop';

export function stopAtRefusedRows(rows: readonly { row: number; refusal: string | null }[]): void {
  const refused = rows.filter((row) => row.refusal !== null);
  if (refused.length === 0) return;
  const more = refused.length > 1 ? ` (and ${refused.length - 1} more row(s))` : '';
  throw new VaultError(
    'POLICY',
    `Row ${refused[0]!.row}: ${refused[0]!.refusal}${more} Nothing was imported; add --skip-refused to import the other rows, or see --dry-run.`,
  );
}
