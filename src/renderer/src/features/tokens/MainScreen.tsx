import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SessionState } from '../../../../shared/api';
import { findKindRule, findProfile, GENERIC_PROFILE } from '../../../../shared/profiles';
import type { TokenState } from '../../../../shared/token-views';
import { createQueryClient } from '../../data/query-client';
import { useAction } from '../../data/use-action';
import { followChanges } from '../../data/follow-changes';
import { useAccounts, useTokens, useTokenStates, useUnassignedTokenIds } from '../../data/vault-queries';
import { ErrorText } from '../../ui/ErrorText';
import { AccountSidebar } from '../accounts/AccountSidebar';
import { AccountDialog } from '../accounts/AccountDialog';
import { AccountHeader } from '../accounts/AccountHeader';
import { EndpointsDialog } from '../endpoints/EndpointsDialog';
import { HandoffWizard } from '../handoff/HandoffWizard';
import { OpenBundleDialog } from '../handoff/OpenBundleDialog';
import { RecipientsDialog } from '../handoff/RecipientsDialog';
import { ReceiveTokensDialog } from '../handoff/ReceiveTokensDialog';
import { HealthDialog } from '../health/HealthDialog';
import { RotateDialog } from '../rotation/RotateDialog';
import { ImportHost } from '../import/ImportHost';
import { requestImport } from '../import/import-requests';
import { SettingsDialog } from '../settings/SettingsDialog';
import { EmptyList } from './EmptyList';
import { ListFilters } from './ListFilters';
import { recallView, rememberView } from './remembered-view';
import { ShortcutsSheet } from './ShortcutsSheet';
import { TokenDetail } from './TokenDetail';
import { TokenDialog } from './TokenDialog';
import { TokenList } from './TokenList';
import { Toolbar, type ToolbarItem } from './Toolbar';
import { useMainShortcuts } from './use-main-shortcuts';
import { useTokenListView } from './use-token-list-view';

interface MainScreenProps {
  session: SessionState;
  onLock: () => void;
  onSessionChanged: () => void;
}

type MainDialog =
  | null
  | 'account'
  | 'edit-account'
  | 'new'
  | 'edit'
  | 'settings'
  | 'handoff'
  | 'recipients'
  | 'open-bundle'
  | 'receive'
  | 'endpoints'
  | 'health'
  | 'rotate'
  | 'shortcuts';

const NO_STATES = new Map<number, TokenState>();
/** For a dialog's "something changed" callback: the data layer follows every change by itself (follow-changes.ts). */
const followsByItself = () => undefined;

/**
 * The unlocked vault. Its cache of main's answers lives and dies with this screen: locking unmounts it, so no
 * token metadata survives a lock in React state or the query cache.
 */
export function MainScreen(props: MainScreenProps) {
  const [client] = useState(createQueryClient);
  useEffect(() => {
    const stop = followChanges(client);
    return () => {
      stop();
      client.clear();
    };
  }, [client]);
  return (
    <QueryClientProvider client={client}>
      <Workspace {...props} />
    </QueryClientProvider>
  );
}

function Workspace({ session, onLock, onSessionChanged }: MainScreenProps) {
  const vaultPath = session.vault?.path ?? '';
  const [remembered] = useState(() => recallView(vaultPath));
  const accountsQuery = useAccounts();
  const tokensQuery = useTokens();
  const statesQuery = useTokenStates();
  const unassignedQuery = useUnassignedTokenIds();
  const accounts = useMemo(() => accountsQuery.data ?? [], [accountsQuery.data]);
  const allTokens = useMemo(() => tokensQuery.data ?? [], [tokensQuery.data]);
  const states = useMemo(
    () => (statesQuery.data ? new Map(statesQuery.data.map((s) => [s.tokenId, s])) : NO_STATES),
    [statesQuery.data],
  );
  const unassignedIds = useMemo(() => new Set(unassignedQuery.data ?? []), [unassignedQuery.data]);
  const [accountId, setAccountId] = useState<number | null>(remembered.accountId);
  const [selectedId, setSelectedId] = useState<number | null>(remembered.selectedId);
  // Right after unlock (this screen mounts at each unlock), the health report opens by itself; it shows only
  // when something needs attention, and closes unseen otherwise.
  const [dialog, setDialog] = useState<MainDialog>('health');
  const [healthAfterUnlock, setHealthAfterUnlock] = useState(true);
  // An unfinished rotation plan to open from health; null opens the "Rotate…" chooser.
  const [rotationPlanId, setRotationPlanId] = useState<number | null>(null);
  const copy = useAction();
  const [copyNotice, setCopyNotice] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const listBox = useRef<HTMLDivElement>(null);
  const view = useTokenListView({ allTokens, accounts, accountId, states, unassignedIds });
  const { tokens, filters } = view;

  useEffect(() => {
    rememberView({ vaultPath, accountId, selectedId });
  }, [vaultPath, accountId, selectedId]);

  // The token open in the detail is one the list shows: a filter that hides it closes it too, so no action
  // (a handoff's pre-ticked token) applies to a token the admin no longer sees.
  const selected = tokens.find((token) => token.id === selectedId) ?? null;
  const selectedAccount = accounts.find((account) => account.id === accountId) ?? null;

  const copySelected = async () => {
    if (!selected) return;
    const copied = await copy.run('copyToken', { id: selected.id });
    if (copied)
      setCopyNotice(
        `Copied “${selected.name}”. The clipboard will be cleared in ${copied.clearsAfterSeconds} s.`,
      );
  };

  // The main screen starts on the search (after Open the vault, an unlock or a reload), never on the page itself.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null)
      searchBox.current?.focus();
  }, []);

  useMainShortcuts({
    dialogOpen: dialog !== null,
    newToken: () => accounts.length > 0 && setDialog('new'),
    focusSearch: () => {
      searchBox.current?.focus();
      searchBox.current?.select();
    },
    lock: onLock,
    copySelected: () => void copySelected(),
    showShortcuts: () => setDialog('shortcuts'),
  });

  /** Enter opens the first result, ArrowDown moves into the results: the list takes focus either way. */
  const onSearchKey = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' && event.key !== 'ArrowDown') return;
    const first = tokens[0];
    if (!first) return;
    event.preventDefault();
    if (event.key === 'Enter' || !selected) setSelectedId(first.id);
    listBox.current?.focus();
  };

  // The window title names the open vault, and says DEMO for a demo one (visible in the task bar too).
  useEffect(() => {
    const name = session.vault?.name;
    document.title = name ? `${name}${session.vault?.demo ? ' (DEMO)' : ''} — Token Vault` : 'Token Vault';
    return () => {
      document.title = 'Token Vault';
    };
  }, [session.vault?.name, session.vault?.demo]);

  const loadError = [accountsQuery, tokensQuery, statesQuery, unassignedQuery].find((q) => q.error)?.error;
  const vault = session.vault;
  const kindLabel = (kind: string) => {
    for (const account of accounts) {
      const rule = findKindRule(findProfile(account.profile) ?? GENERIC_PROFILE, kind);
      if (rule) return rule.label;
    }
    return kind;
  };
  const close = () => setDialog(null);
  const toolbar: ToolbarItem[] = [
    {
      id: 'new-token',
      label: 'New token',
      primary: true,
      title: 'New token (Ctrl+N)',
      onClick: () => setDialog('new'),
      disabledReason: accounts.length === 0 ? 'Add an account first: every token belongs to one.' : null,
    },
    {
      id: 'hand-over',
      label: 'Hand over…',
      onClick: () => setDialog('handoff'),
      disabledReason: allTokens.length === 0 ? 'There is no token to hand over yet.' : null,
    },
    {
      id: 'rotate',
      label: 'Rotate…',
      title: 'A rotation plan: one step per token, with its platform guide',
      onClick: () => (setRotationPlanId(null), setDialog('rotate')),
      disabledReason: allTokens.length === 0 ? 'There is no token to rotate yet.' : null,
    },
    { id: 'recipients', label: 'Recipients', onClick: () => setDialog('recipients') },
    { id: 'open-bundle', label: 'Open bundle…', onClick: () => setDialog('open-bundle') },
    { id: 'receive', label: 'Receive tokens…', onClick: () => setDialog('receive') },
    {
      id: 'import',
      label: 'Import…',
      title: 'Import from KeePass, Bitwarden, 1Password, .env or CSV (Ctrl+I)',
      onClick: () => requestImport(),
    },
    {
      id: 'health',
      label: 'Health',
      title: 'What needs your attention',
      onClick: () => (setHealthAfterUnlock(false), setDialog('health')),
    },
    { id: 'settings', label: 'Settings', onClick: () => setDialog('settings') },
    {
      id: 'shortcuts',
      label: 'Shortcuts',
      // The key that opens the sheet is its label: the toolbar fits one row at 1280 px with a DEMO badge too.
      shown: '?',
      title: 'Keyboard shortcuts (?)',
      onClick: () => setDialog('shortcuts'),
    },
    { id: 'lock', label: 'Lock', title: 'Lock (Ctrl+L)', onClick: onLock },
  ];

  return (
    <div className="app-shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span className="visually-hidden">Token Vault</span>
          <span className="vault-name" title={vault?.path}>
            {vault?.name}
          </span>
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
            placeholder="Search (Ctrl+F)"
            title="Searches names, descriptions, assigned users, applications and key ids in every account"
            value={filters.search}
            onChange={(e) => view.update({ search: e.target.value })}
            onKeyDown={onSearchKey}
          />
        </div>
        <Toolbar items={toolbar} />
      </header>
      <AccountSidebar
        accounts={accounts}
        selected={accountId}
        onSelect={setAccountId}
        onAddAccount={() => setDialog('account')}
      />
      <main className="content">
        <div className="list-pane">
          {selectedAccount && (
            <AccountHeader
              account={selectedAccount}
              onEdit={() => setDialog('edit-account')}
              onDeleted={() => setAccountId(null)}
            />
          )}
          <ListFilters
            filters={filters}
            onChange={view.update}
            kinds={view.kinds}
            kindLabel={kindLabel}
            endpoints={view.endpointAccount !== null}
            onOpenEndpoints={() => setDialog('endpoints')}
            shown={tokens.length}
            searchesEveryAccount={view.searchesEveryAccount}
          />
          <ErrorText message={loadError ? loadError.message : copy.error} />
          {copyNotice && (
            <p className="notice" role="status">
              {copyNotice}
            </p>
          )}
          {accounts.length === 0 || tokens.length === 0 ? (
            <EmptyList
              noAccounts={accounts.length === 0}
              narrowed={view.narrowed}
              onAddAccount={() => setDialog('account')}
              onAddToken={() => setDialog('new')}
              onClearFilters={view.clear}
            />
          ) : (
            <TokenList
              tokens={tokens}
              states={states}
              selectedId={selectedId}
              onSelect={(id) => (setSelectedId(id), setCopyNotice(null))}
              onCopy={() => void copySelected()}
              groupByAccount={filters.groupByAccount}
              resetKey={`${filters.search}|${filters.status}|${filters.kind}|${accountId}|${filters.sort}`}
              listRef={listBox}
            />
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
              onEdit={() => setDialog('edit')}
              onDeleted={() => {
                setSelectedId(null);
                listBox.current?.focus();
              }}
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
          onClose={close}
          onSaved={(token) => {
            close();
            setSelectedId(token.id);
          }}
        />
      )}
      {dialog === 'account' && (
        <AccountDialog
          onClose={close}
          onSaved={(account) => {
            close();
            setAccountId(account.id);
          }}
        />
      )}
      {dialog === 'edit-account' && selectedAccount && (
        <AccountDialog account={selectedAccount} onClose={close} onSaved={close} />
      )}
      {dialog === 'handoff' && (
        <HandoffWizard
          tokens={allTokens}
          preselected={selected?.id ?? null}
          onClose={close}
          onDone={followsByItself}
        />
      )}
      {dialog === 'recipients' && <RecipientsDialog onClose={close} onChanged={followsByItself} />}
      {dialog === 'receive' && <ReceiveTokensDialog onClose={close} />}
      {dialog === 'open-bundle' && (
        <OpenBundleDialog accounts={accounts} onClose={close} onImported={followsByItself} />
      )}
      {dialog === 'endpoints' && view.endpointAccount && (
        <EndpointsDialog
          account={view.endpointAccount}
          tokens={allTokens}
          onClose={close}
          onChanged={followsByItself}
        />
      )}
      <ImportHost accounts={accounts} onImported={followsByItself} />
      {dialog === 'settings' && (
        <SettingsDialog session={session} onClose={close} onSaved={onSessionChanged} />
      )}
      {dialog === 'shortcuts' && <ShortcutsSheet onClose={close} />}
      {dialog === 'rotate' && (
        <RotateDialog
          tokens={allTokens}
          preselected={selected?.id ?? null}
          openPlanId={rotationPlanId}
          onClose={close}
          onChanged={followsByItself}
        />
      )}
      {dialog === 'health' && (
        <HealthDialog
          // Asked for from the toolbar while the after-unlock one is open: a new dialog, which takes the focus.
          key={healthAfterUnlock ? 'after-unlock' : 'asked'}
          afterUnlock={healthAfterUnlock}
          onOpenPlan={(planId) => (
            setRotationPlanId(planId),
            setHealthAfterUnlock(false),
            setDialog('rotate')
          )}
          onClose={() => (close(), setHealthAfterUnlock(false))}
          onSelectToken={(tokenId) => {
            // Show the token wherever it is: all accounts, no search or filter hiding it.
            setAccountId(null);
            view.clear();
            setSelectedId(tokenId);
            close();
            setHealthAfterUnlock(false);
          }}
        />
      )}
    </div>
  );
}
