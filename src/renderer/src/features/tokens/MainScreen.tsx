import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionState } from '../../../../shared/api';
import type { Account, TokenMeta } from '../../../../shared/model';
import { findProfile } from '../../../../shared/profiles';
import { TokenSearchIndex } from '../../../../shared/token-search-index';
import type { TokenState } from '../../../../shared/token-views';
import {
  describeTokenState,
  matchesStateFilter,
  TOKEN_STATE_FILTERS,
  type TokenStateFilter,
} from '../../../../shared/token-state-vocabulary';
import { call, messageOf } from '../../api';
import { ErrorText } from '../../ui/ErrorText';
import { AccountSidebar, AddAccountDialog } from '../accounts/AccountSidebar';
import { EndpointsDialog } from '../endpoints/EndpointsDialog';
import { HandoffWizard } from '../handoff/HandoffWizard';
import { OpenBundleDialog } from '../handoff/OpenBundleDialog';
import { RecipientsDialog } from '../handoff/RecipientsDialog';
import { ReceiveTokensDialog } from '../handoff/ReceiveTokensDialog';
import { HealthDialog } from '../health/HealthDialog';
import { ImportHost } from '../import/ImportHost';
import { requestImport } from '../import/import-requests';
import { SettingsDialog } from '../settings/SettingsDialog';
import { TokenDetail } from './TokenDetail';
import { TokenDialog } from './TokenDialog';
import { TokenList } from './TokenList';

interface MainScreenProps {
  session: SessionState;
  onLock: () => void;
  onSessionChanged: () => void;
}

export function MainScreen({ session, onLock, onSessionChanged }: MainScreenProps) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [allTokens, setAllTokens] = useState<TokenMeta[]>([]);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [stateFilter, setStateFilter] = useState<'' | TokenStateFilter>('');
  const [kind, setKind] = useState('');
  const [hideUnassigned, setHideUnassigned] = useState(false);
  const [states, setStates] = useState<Map<number, TokenState>>(new Map());
  const [unassignedIds, setUnassignedIds] = useState<Set<number>>(new Set());
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<
    | null
    | 'account'
    | 'new'
    | 'edit'
    | 'settings'
    | 'handoff'
    | 'recipients'
    | 'open-bundle'
    | 'receive'
    | 'endpoints'
    | 'health'
  >('health');
  // Right after unlock (this screen mounts at each unlock), the health report opens by itself; it shows only
  // when something needs attention, and closes unseen otherwise.
  const [healthAfterUnlock, setHealthAfterUnlock] = useState(true);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const refreshAccounts = useCallback(() => {
    call('listAccounts', {}).then(setAccounts, (err) => setError(messageOf(err)));
  }, []);

  useEffect(() => refreshAccounts(), [refreshAccounts, version]);

  // Metadata of every token is fetched once per change; searching and filtering then run here, in memory, with
  // the same index core uses, so a keystroke never waits for a round trip to main.
  useEffect(() => {
    let current = true;
    call('listTokens', {}).then(
      (list) => current && setAllTokens(list),
      (err) => current && setError(messageOf(err)),
    );
    // States (inactivity clock, expiry) are computed in main at this moment, and so is what "hide unassigned" hides.
    call('tokenStates', {}).then(
      (list) => current && setStates(new Map(list.map((state) => [state.tokenId, state]))),
      (err) => current && setError(messageOf(err)),
    );
    call('unassignedTokenIds', {}).then(
      (ids) => current && setUnassignedIds(new Set(ids)),
      (err) => current && setError(messageOf(err)),
    );
    return () => {
      current = false;
    };
  }, [version]);

  const index = useMemo(() => {
    const built = new TokenSearchIndex();
    built.load(allTokens);
    return built;
  }, [allTokens]);
  const selectedAccount = accounts.find((account) => account.id === accountId);
  const endpointAccount =
    selectedAccount && findProfile(selectedAccount.profile)?.endpoints ? selectedAccount : null;
  const tokens = useMemo(() => {
    const found = index.query({
      ...(accountId !== null ? { accountId } : {}),
      ...(search ? { search } : {}),
      ...(kind ? { kind } : {}),
    });
    // The state filter reads the same words as the badges (shared/token-state-vocabulary).
    const inState = stateFilter
      ? found.filter((token) =>
          matchesStateFilter(describeTokenState(token, states.get(token.id)), stateFilter),
        )
      : found;
    return hideUnassigned && endpointAccount
      ? inState.filter((token) => !unassignedIds.has(token.id))
      : inState;
  }, [index, accountId, search, stateFilter, states, kind, hideUnassigned, endpointAccount, unassignedIds]);
  const kinds = useMemo(() => [...new Set(allTokens.map((t) => t.kind))].sort(), [allTokens]);

  // Keyboard: Ctrl/Cmd+N new token, Ctrl/Cmd+F search, Ctrl/Cmd+L lock.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      // A shortcut never replaces a dialog the user is in (Escape closes it first).
      if (key === 'n' && dialog === null) {
        event.preventDefault();
        setDialog('new');
      } else if (key === 'f') {
        event.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (key === 'l') {
        event.preventDefault();
        onLock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onLock, dialog]);

  const clearFilters = () => {
    setSearch('');
    setStateFilter('');
    setKind('');
  };

  const selected = tokens.find((token) => token.id === selectedId) ?? null;
  const changed = () => setVersion((v) => v + 1);
  const vault = session.vault;

  // The window title names the open vault, and says DEMO for a demo one (visible in the task bar too).
  useEffect(() => {
    const name = session.vault?.name;
    document.title = name ? `${name}${session.vault?.demo ? ' (DEMO)' : ''} — Token Vault` : 'Token Vault';
    return () => {
      document.title = 'Token Vault';
    };
  }, [session.vault?.name, session.vault?.demo]);

  return (
    <div className="app-shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span>Token Vault</span>
          <span className="vault-name">{vault?.name}</span>
          {vault?.demo && <span className="badge badge-demo">DEMO</span>}
        </div>
        <div className="search">
          <label htmlFor="search" className="visually-hidden">
            Search tokens
          </label>
          <input
            id="search"
            ref={searchBox}
            type="search"
            placeholder="Search tokens (Ctrl+F)"
            title="Searches names, descriptions, assigned users, applications and key ids"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => setDialog('new')}
            disabled={accounts.length === 0}
          >
            New token
          </button>
          <button type="button" onClick={() => setDialog('handoff')} disabled={allTokens.length === 0}>
            Hand over…
          </button>
          <button type="button" onClick={() => setDialog('recipients')}>
            Recipients
          </button>
          <button type="button" onClick={() => setDialog('open-bundle')}>
            Open bundle…
          </button>
          <button type="button" onClick={() => setDialog('receive')}>
            Receive tokens…
          </button>
          <button
            type="button"
            onClick={() => requestImport()}
            title="Import from KeePass, Bitwarden, 1Password, .env or CSV (Ctrl+I)"
          >
            Import…
          </button>
          <button
            type="button"
            onClick={() => (setHealthAfterUnlock(false), setDialog('health'))}
            title="What needs your attention"
          >
            Health
          </button>
          <button type="button" onClick={() => setDialog('settings')}>
            Settings
          </button>
          <button type="button" onClick={onLock} title="Lock (Ctrl+L)">
            Lock
          </button>
        </div>
      </header>
      <AccountSidebar
        accounts={accounts}
        selected={accountId}
        onSelect={setAccountId}
        onAddAccount={() => setDialog('account')}
      />
      <main className="content">
        <div className="list-pane">
          <div className="filters" role="group" aria-label="Filters">
            <label htmlFor="filter-status">Status</label>
            <select
              id="filter-status"
              value={stateFilter}
              onChange={(e) => setStateFilter(e.target.value as typeof stateFilter)}
            >
              <option value="">Any</option>
              {TOKEN_STATE_FILTERS.map((filter) => (
                <option key={filter.id} value={filter.id}>
                  {filter.label}
                </option>
              ))}
            </select>
            <label htmlFor="filter-kind">Kind</label>
            <select id="filter-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">Any</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            {endpointAccount && (
              <>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={hideUnassigned}
                    onChange={(e) => setHideUnassigned(e.target.checked)}
                  />
                  Hide unassigned
                </label>
                <button type="button" onClick={() => setDialog('endpoints')}>
                  Endpoints…
                </button>
              </>
            )}
            <span className="muted small" aria-live="polite">
              {tokens.length} {tokens.length === 1 ? 'token' : 'tokens'}
            </span>
          </div>
          <ErrorText message={error} />
          {accounts.length === 0 ? (
            <div className="empty">
              <h2>No accounts yet</h2>
              <p>
                Add the platform account that issued your tokens (for example “Engaging Networks (main)”),
                then add its tokens.
              </p>
              <button type="button" className="primary" onClick={() => setDialog('account')}>
                Add an account
              </button>
            </div>
          ) : tokens.length === 0 ? (
            <div className="empty">
              <h2>{search || stateFilter || kind ? 'Nothing matches' : 'No tokens here yet'}</h2>
              <p>
                {search || stateFilter || kind
                  ? 'Try fewer words, or clear the search and the filters.'
                  : 'Record the first token of this account: press “New token” (Ctrl+N).'}
              </p>
              {search || stateFilter || kind ? (
                <button type="button" onClick={clearFilters}>
                  Clear search and filters
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => setDialog('new')}>
                  Add a token
                </button>
              )}
            </div>
          ) : (
            <TokenList tokens={tokens} states={states} selectedId={selectedId} onSelect={setSelectedId} />
          )}
        </div>
        <div className="detail-pane">
          {selected ? (
            <TokenDetail
              key={selected.id}
              token={selected}
              account={accounts.find((account) => account.id === selected.accountId)}
              state={states.get(selected.id)}
              allTokens={allTokens}
              version={version}
              onChanged={changed}
              onEdit={() => setDialog('edit')}
              onDeleted={() => (setSelectedId(null), changed())}
            />
          ) : (
            <div className="empty">
              <p>
                {allTokens.length === 0
                  ? 'The tokens you add appear here with their details and history.'
                  : 'Select a token to see its details and history.'}
              </p>
            </div>
          )}
        </div>
      </main>
      {(dialog === 'new' || (dialog === 'edit' && selected)) && (
        <TokenDialog
          accounts={accounts}
          defaultAccountId={accountId}
          token={dialog === 'edit' ? selected! : undefined}
          onClose={() => setDialog(null)}
          onSaved={(token) => {
            setDialog(null);
            setSelectedId(token.id);
            changed();
          }}
        />
      )}
      {dialog === 'account' && (
        <AddAccountDialog
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            setAccountId(id);
            changed();
          }}
        />
      )}
      {dialog === 'handoff' && (
        <HandoffWizard
          tokens={allTokens}
          preselected={selectedId}
          onClose={() => setDialog(null)}
          onDone={changed}
        />
      )}
      {dialog === 'recipients' && <RecipientsDialog onClose={() => setDialog(null)} onChanged={changed} />}
      {dialog === 'receive' && <ReceiveTokensDialog onClose={() => setDialog(null)} />}
      {dialog === 'open-bundle' && (
        <OpenBundleDialog accounts={accounts} onClose={() => setDialog(null)} onImported={changed} />
      )}
      {dialog === 'endpoints' && endpointAccount && (
        <EndpointsDialog
          account={endpointAccount}
          tokens={allTokens}
          onClose={() => setDialog(null)}
          onChanged={changed}
        />
      )}
      <ImportHost accounts={accounts} onImported={changed} />
      {dialog === 'settings' && (
        <SettingsDialog session={session} onClose={() => setDialog(null)} onSaved={onSessionChanged} />
      )}
      {dialog === 'health' && (
        <HealthDialog
          afterUnlock={healthAfterUnlock}
          onClose={() => (setDialog(null), setHealthAfterUnlock(false))}
          onSelectToken={(tokenId) => {
            // Show the token wherever it is: all accounts, no search or filter hiding it.
            setAccountId(null);
            clearFilters();
            setSelectedId(tokenId);
            setDialog(null);
            setHealthAfterUnlock(false);
          }}
        />
      )}
    </div>
  );
}
