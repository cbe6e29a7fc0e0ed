import { useCallback, useEffect, useState } from 'react';
import type { Account, TokenMeta } from '../../../../shared/model';
import { HTTP_METHODS, type HttpMethod } from '../../../../shared/profiles';
import type { Endpoint } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';

interface EndpointsDialogProps {
  account: Account;
  tokens: TokenMeta[];
  onClose: () => void;
  onChanged: () => void;
}

/**
 * An account's endpoints and which token serves which HTTP method there: one primary per method, and secondaries
 * beside it. DELETE appears only when the account allows deleting, as on the platform.
 */
export function EndpointsDialog({ account, tokens, onClose, onChanged }: EndpointsDialogProps) {
  const [endpoints, setEndpoints] = useState<Endpoint[]>([]);
  const [name, setName] = useState('');
  const [choice, setChoice] = useState<Record<string, number | ''>>({});
  const [error, setError] = useState<string | null>(null);
  const methods = HTTP_METHODS.filter((m) => m !== 'DELETE' || account.allowDelete);
  const accountTokens = tokens.filter((t) => t.accountId === account.id);

  const load = useCallback(() => {
    call('listEndpoints', { accountId: account.id }).then(setEndpoints, (err) => setError(messageOf(err)));
  }, [account.id]);
  useEffect(() => load(), [load]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      load();
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const key = (endpointId: number, method: HttpMethod) => `${endpointId}:${method}`;

  return (
    <Dialog title={`Endpoints of ${account.name}`} onClose={onClose} wide>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void act(async () => {
            await call('addEndpoint', { accountId: account.id, name });
            setName('');
            // The button disables itself with the field empty: focus goes back to the field, ready for the next.
            document.getElementById('endpoint-name')?.focus();
          });
        }}
      >
        <label htmlFor="endpoint-name">New endpoint</label>
        <input
          id="endpoint-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Donations API"
        />
        <button type="submit" disabled={!name.trim()}>
          Add endpoint
        </button>
      </form>
      <ErrorText message={error} />
      {endpoints.length === 0 ? (
        <p className="muted">No endpoints yet. Add the endpoints the platform lists for this account.</p>
      ) : (
        endpoints.map((endpoint) => (
          <section key={endpoint.id} className="panel" aria-label={`Endpoint ${endpoint.name}`}>
            <h3>{endpoint.name}</h3>
            <table className="endpoint-table">
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">Served by</th>
                  <th scope="col">Assign a token</th>
                </tr>
              </thead>
              <tbody>
                {methods.map((method) => {
                  const served = endpoint.assignments.filter((a) => a.method === method);
                  const taken = new Set(served.map((a) => a.tokenId));
                  const k = key(endpoint.id, method);
                  return (
                    <tr key={method}>
                      <th scope="row">{method}</th>
                      <td>
                        {served.length === 0 ? (
                          <span className="muted">nobody</span>
                        ) : (
                          <ul className="plain-list">
                            {served.map((a) => (
                              <li key={a.tokenId}>
                                {a.tokenName} <span className="muted small">({a.role})</span>{' '}
                                <button
                                  type="button"
                                  className="link"
                                  aria-label={`Remove ${a.tokenName} from ${method} on ${endpoint.name}`}
                                  onClick={() =>
                                    act(() =>
                                      call('unassignEndpoint', {
                                        endpointId: endpoint.id,
                                        method,
                                        tokenId: a.tokenId,
                                      }),
                                    )
                                  }
                                >
                                  Remove
                                </button>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        <div className="row">
                          <select
                            aria-label={`Token for ${method} on ${endpoint.name}`}
                            value={choice[k] ?? ''}
                            onChange={(e) =>
                              setChoice({ ...choice, [k]: e.target.value ? Number(e.target.value) : '' })
                            }
                          >
                            <option value="">Choose…</option>
                            {accountTokens
                              .filter((t) => !taken.has(t.id))
                              .map((t) => (
                                <option key={t.id} value={t.id}>
                                  {t.name} ({t.role})
                                </option>
                              ))}
                          </select>
                          <button
                            type="button"
                            disabled={!choice[k]}
                            aria-label={`Assign to ${method} on ${endpoint.name}`}
                            onClick={() =>
                              act(async () => {
                                await call('assignEndpoint', {
                                  endpointId: endpoint.id,
                                  method,
                                  tokenId: Number(choice[k]),
                                });
                                setChoice({ ...choice, [k]: '' });
                              })
                            }
                          >
                            Assign
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ))
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
