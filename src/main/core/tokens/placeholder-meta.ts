import type { TokenMeta } from '../../../shared/model';
import type { TokenDraft } from './token-policy';

/**
 * A token not yet written, as the profile policy sees its siblings: a bulk import (token-store.ts) and an import
 * preview (src/main/core/import/import-preview.ts) check each row against the rows before it with this.
 */
export function placeholderMeta(id: number, draft: TokenDraft, accountName: string, now: string): TokenMeta {
  return {
    id,
    accountId: draft.accountId,
    accountName,
    name: draft.name,
    kind: draft.kind,
    role: draft.role,
    description: draft.description,
    keyId: draft.keyId,
    status: 'active',
    enabled: true,
    assignedTo: draft.assignedTo,
    application: null,
    createdAt: now,
    updatedAt: now,
    generatedAt: null,
    lastActivityAt: null,
    expiresAt: null,
    valueLength: 0,
    previousValueCount: 0,
  };
}
