import { randomUUID } from 'node:crypto';
import { VaultError } from '../../../shared/errors';
import type { Vault } from '../vault/vault';
import type { ImportSource } from './import-source';

/** At most this many sources read and waiting for their commit per unlocked vault (the app shows one at a time). */
const MAX_PENDING = 3;

/**
 * Sources read in the app, kept in main between the preview and the commit so their values never cross to the
 * renderer: the renderer holds only an id. They belong to the vault object, so locking (which drops it) drops them.
 */
const pendingByVault = new WeakMap<Vault, Map<string, ImportSource>>();

export function holdImportSource(vault: Vault, source: ImportSource): string {
  let pending = pendingByVault.get(vault);
  if (!pending) {
    pending = new Map();
    pendingByVault.set(vault, pending);
  }
  while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  const id = randomUUID();
  pending.set(id, source);
  return id;
}

export function heldImportSource(vault: Vault, id: string): ImportSource {
  const source = pendingByVault.get(vault)?.get(id);
  if (!source) throw new VaultError('NOT_FOUND', 'This import was closed; choose the file again.');
  return source;
}

export function releaseImportSource(vault: Vault, id: string): void {
  pendingByVault.get(vault)?.delete(id);
}
