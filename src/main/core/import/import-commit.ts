import { VaultError } from '../../../shared/errors';
import type { ImportResult } from '../../../shared/import-views';
import type { TokenImportRow } from '../../../shared/inputs';
import type { ImportSource } from './import-source';
import { planImport, type ImportDependencies, type ImportPlan } from './import-preview';
import { stopAtRefusedRows, type RefusedRows } from './import-selection';

export type { ImportResult } from '../../../shared/import-views';

/**
 * Writes the selected rows all or nothing: the plan is made again inside the transaction (so nothing changed since
 * the preview can slip through), new accounts are created, and each token gets its Created event naming the
 * source format, in that one transaction. A selected row the profile refuses writes nothing at all; without a
 * selection the rows are import-selection.ts's default, and `refusedRows: 'stop'` refuses the import when any row is
 * refused. Adapters reach it through VaultUseCases.importFromSource (src/main/core/use-cases/vault-use-cases.ts).
 */
export function commitImport(
  vault: ImportDependencies,
  source: ImportSource,
  plan: ImportPlan = {},
  options: { refusedRows?: RefusedRows } = {},
): ImportResult {
  const result = vault.db.transaction(() => {
    const { rows, preview } = planImport(vault, source, plan);
    if (plan.selection === undefined && options.refusedRows === 'stop') stopAtRefusedRows(rows);
    const chosen = rows.filter((row) => row.selected);
    if (chosen.length === 0)
      throw new VaultError('INVALID_INPUT', 'No row is selected: there is nothing to import.');
    const refused = chosen.find((row) => row.refusal !== null || row.token === null);
    if (refused)
      throw new VaultError(refused.refusalCode ?? 'INVALID_INPUT', `Row ${refused.row}: ${refused.refusal}`);
    const byAccount = new Map<string, { id: number | null; profile: string; tokens: TokenImportRow[] }>();
    for (const row of chosen) {
      const group = byAccount.get(row.account) ?? { id: row.accountId, profile: row.profile, tokens: [] };
      group.tokens.push(row.token!);
      byAccount.set(row.account, group);
    }
    const accountsCreated: string[] = [];
    let imported = 0;
    for (const [name, group] of byAccount) {
      let accountId = group.id;
      if (accountId === null) {
        accountId = vault.accounts.create({ name, profile: group.profile }).id;
        accountsCreated.push(name);
      }
      imported += vault.tokens.importParsed(accountId, group.tokens, { source: preview.format });
    }
    const skipped = rows
      .filter((row) => !row.selected)
      .map((row) => ({ row: row.row, reason: row.refusal ?? row.duplicate ?? 'not selected' }));
    return { imported, accountsCreated, skipped };
  })();
  vault.tokens.invalidate();
  return result;
}
