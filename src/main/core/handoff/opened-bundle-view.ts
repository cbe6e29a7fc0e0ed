import type { HandoffDocument } from '../../../shared/handoff-format';
import type { OpenedBundleView } from '../../../shared/handoff-views';

/** What the renderer sees of an opened bundle: names and metadata, never a value. */
export function openedBundleView(doc: HandoffDocument, imported: number): OpenedBundleView {
  return {
    recipient: doc.recipient,
    from: doc.from,
    createdAt: doc.createdAt,
    tokens: doc.tokens.map((t) => ({
      name: t.name,
      account: t.account,
      kind: t.kind,
      keyId: t.keyId ?? null,
    })),
    imported,
  };
}
