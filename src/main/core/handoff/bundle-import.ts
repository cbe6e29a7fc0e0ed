import { VaultError } from '../../../shared/errors';
import type { HandoffDocument } from '../../../shared/handoff-format';
import type { TokenImportRow } from '../../../shared/inputs';

/** A bundle's tokens as import rows; a bundle made without values has nothing to import. */
export function bundleTokensToImportRows(doc: HandoffDocument): TokenImportRow[] {
  return doc.tokens.map((token) => {
    if (token.value === undefined)
      throw new VaultError(
        'INVALID_INPUT',
        'This bundle holds no token values, so there is nothing to import.',
      );
    return {
      name: token.name,
      value: token.value,
      kind: token.kind,
      role: token.role,
      ...(token.description ? { description: token.description } : {}),
      ...(token.keyId ? { keyId: token.keyId } : {}),
    };
  });
}
