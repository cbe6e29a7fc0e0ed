import { useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import { messageOf } from '../../api';
import { useAction } from '../../data/use-action';
import { useLinks } from '../../data/vault-queries';
import { ErrorText } from '../../ui/ErrorText';

interface MappingsPanelProps {
  token: TokenMeta;
  /** Every token of the vault (metadata), to offer the account's primaries. */
  allTokens: TokenMeta[];
}

/**
 * A secondary token's mappings to primaries, each with its own switch: cutting one integration leaves the others
 * running. A primary sees which secondaries stand in for it.
 */
export function MappingsPanel({ token, allTokens }: MappingsPanelProps) {
  const linksQuery = useLinks();
  const links = (linksQuery.data ?? []).filter((l) => l.secondaryId === token.id || l.primaryId === token.id);
  const [target, setTarget] = useState<number | ''>('');
  const action = useAction();
  // A switch flipped shows at once; it holds until main's next answer about the links (or a refusal).
  const [flipped, setFlipped] = useState<{ primaryId: number; enabled: boolean; asOf: number } | null>(null);
  const enabledOf = (link: { primaryId: number; enabled: boolean }) =>
    flipped && flipped.primaryId === link.primaryId && flipped.asOf === linksQuery.dataUpdatedAt
      ? flipped.enabled
      : link.enabled;
  const error = action.error ?? (linksQuery.error ? messageOf(linksQuery.error) : null);

  if (token.role === 'primary') {
    const mine = links.filter((l) => l.primaryId === token.id);
    return (
      <section className="panel" aria-labelledby="mappings-title">
        <h3 id="mappings-title">Secondary tokens mapped here</h3>
        {mine.length === 0 ? (
          <p className="muted">No secondary token stands in for this primary.</p>
        ) : (
          <ul className="plain-list">
            {mine.map((l) => (
              <li key={l.secondaryId}>
                {l.secondaryName} {l.enabled ? '' : <span className="badge badge-off">mapping off</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }

  const mine = links.filter((l) => l.secondaryId === token.id);
  const mapped = new Set(mine.map((l) => l.primaryId));
  const candidates = allTokens.filter(
    (t) => t.accountId === token.accountId && t.role === 'primary' && !mapped.has(t.id),
  );
  return (
    <section className="panel" aria-labelledby="mappings-title">
      <h3 id="mappings-title">Mapped to primaries</h3>
      {mine.length === 0 ? (
        <p className="muted">Not mapped yet: map it to the primary it stands in for.</p>
      ) : (
        <ul className="plain-list">
          {mine.map((l) => (
            <li key={l.primaryId} className="mapping-row">
              <span>{l.primaryName}</span>
              <label className="check">
                <input
                  type="checkbox"
                  checked={enabledOf(l)}
                  onChange={async (e) => {
                    const enabled = e.target.checked;
                    setFlipped({ primaryId: l.primaryId, enabled, asOf: linksQuery.dataUpdatedAt });
                    const done = await action.run('setMappingEnabled', {
                      secondaryId: token.id,
                      primaryId: l.primaryId,
                      enabled,
                    });
                    if (!done) setFlipped(null);
                  }}
                />
                Mapping to {l.primaryName} enabled
              </label>
              {!enabledOf(l) && <span className="badge badge-off">mapping off</span>}
              <button
                type="button"
                onClick={() =>
                  void action.run('unmapToken', { secondaryId: token.id, primaryId: l.primaryId })
                }
              >
                Unmap from {l.primaryName}
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <div className="row">
          <label htmlFor="map-target">Map to</label>
          <select
            id="map-target"
            value={target}
            onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : '')}
          >
            <option value="">Choose a primary…</option>
            {candidates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={target === ''}
            onClick={async () => {
              if (await action.run('mapToken', { secondaryId: token.id, primaryId: Number(target) }))
                setTarget('');
            }}
          >
            Map
          </button>
        </div>
      )}
      <ErrorText message={error} />
    </section>
  );
}
