import { VaultError } from '../../../shared/errors';
import {
  handoffDocumentSchema,
  HANDOFF_FORMAT,
  HANDOFF_VERSION,
  type HandoffDocument,
} from '../../../shared/handoff-format';

/** tokens.json of a bundle, checked as docs/handoff-format.md says a reader must: format, version, schema. */
export function parseHandoffDocument(text: string): HandoffDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VaultError('BUNDLE_INVALID', 'tokens.json in this bundle is not valid JSON.');
  }
  const header = parsed as { format?: unknown; version?: unknown } | null;
  if (header?.format !== HANDOFF_FORMAT)
    throw new VaultError('BUNDLE_INVALID', 'This ZIP is not a Token Vault handoff bundle.');
  if (header.version !== HANDOFF_VERSION)
    throw new VaultError(
      'BUNDLE_INVALID',
      `This bundle uses format version ${String(header.version).slice(0, 20)}, which this app does not know; update Token Vault.`,
    );
  const result = handoffDocumentSchema.safeParse(parsed);
  if (!result.success)
    throw new VaultError('BUNDLE_INVALID', 'tokens.json in this bundle does not follow the handoff format.');
  return result.data;
}
