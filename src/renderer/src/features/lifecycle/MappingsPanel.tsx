import { useCallback, useEffect, useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import type { TokenLink } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { ErrorText } from '../../ui/ErrorText';

interface MappingsPanelProps {
  token: TokenMeta;
  /** Every token of the vault (metadata), to offer the account's primaries. */
  allTokens: TokenMeta[];
  version: number;
  onChanged: () => void;
}

/**
 * A secondary token's mappings to primaries, each with its own switch: cutting one integration leaves the others
 * running. A primary sees which secondaries stand in for it.
 */
export function MappingsPanel({ token, allTokens, version, onChanged }: MappingsPanelProps) {
  const [links, setLinks] = useState<TokenLink[]>([]);
  const [target, setTarget] = useState<number | ''>('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    call('listLinks', { accountId: token.accountId }).then(
      (all) => setLinks(all.filter((l) => l.secondaryId === token.id || l.primaryId === token.id)),
      (err) => setError(messageOf(err)),
    );
  }, [token.accountId, token.id]);
  useEffect(() => load(), [load, version]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      load();
    }
  };

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
                  checked={l.enabled}
                  onChange={(e) => {
                    const enabled = e.target.checked;
                    // Shown at once; a refusal reloads the real state from main.
                    setLinks((all) => all.map((x) => (x === l ? { ...x, enabled } : x)));
                    void act(() =>
                      call('setMappingEnabled', { secondaryId: token.id, primaryId: l.primaryId, enabled }),
                    );
                  }}
                />
                Mapping to {l.primaryName} enabled
              </label>
              <button
                type="button"
                onClick={() =>
                  act(() => call('unmapToken', { secondaryId: token.id, primaryId: l.primaryId }))
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
            onClick={() =>
              act(async () => {
                await call('mapToken', { secondaryId: token.id, primaryId: Number(target) });
                setTarget('');
              })
            }
          >
            Map
          </button>
        </div>
      )}
      <ErrorText message={error} />
    </section>
  );
}
