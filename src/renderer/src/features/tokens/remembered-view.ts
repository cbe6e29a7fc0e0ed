/**
 * What the main screen showed when the vault locked (ids and filter choices, no metadata), so unlocking the same
 * vault returns to the same account and token. Kept in memory only: a restart starts fresh.
 */
export interface RememberedView {
  vaultPath: string;
  accountId: number | null;
  selectedId: number | null;
}

let remembered: RememberedView | null = null;

export function rememberView(view: RememberedView): void {
  remembered = view;
}

export function recallView(vaultPath: string): Omit<RememberedView, 'vaultPath'> {
  return remembered?.vaultPath === vaultPath
    ? { accountId: remembered.accountId, selectedId: remembered.selectedId }
    : { accountId: null, selectedId: null };
}
