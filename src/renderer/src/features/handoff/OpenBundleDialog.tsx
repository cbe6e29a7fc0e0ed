import { useEffect, useRef, useState } from 'react';
import type { Account } from '../../../../shared/model';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { plural } from '../../../../shared/token-state-vocabulary';

type Opened = {
  recipient: string;
  from: string;
  createdAt: string;
  tokens: { name: string; account: string; kind: string; keyId: string | null }[];
};

/** Open a bundle someone sent (names and metadata only), and optionally import its tokens into an account. */
export function OpenBundleDialog({
  accounts,
  onClose,
  onImported,
}: {
  accounts: Account[];
  onClose: () => void;
  onImported: () => void;
}) {
  const [path, setPath] = useState('');
  const [kind, setKind] = useState<'age' | 'zip' | null>(null);
  const [password, setPassword] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  // An age bundle is decrypted with this vault's own age key (Receive tokens): it has no password. Main tells
  // which it is from the file's content, whatever its name.
  const isAge = kind === 'age';
  const [accountId, setAccountId] = useState<number | ''>(accounts[0]?.id ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openedHeading = useRef<HTMLHeadingElement>(null);
  // After Open, what was opened is what to read next: the heading takes the focus (Tab goes on to Import all).
  useEffect(() => {
    if (opened) openedHeading.current?.focus();
  }, [opened]);

  const choose = async () => {
    const picked = await call('chooseBundleToOpen', {}).catch((err) => (setError(messageOf(err)), null));
    if (picked) {
      setPath(picked.path);
      setKind(picked.kind);
    }
  };

  const open = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setOpened(isAge ? await call('openAgeBundle', { path }) : await call('openBundle', { path, password }));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const importAll = async () => {
    if (accountId === '') return setError('Add an account to import into first.');
    try {
      const result = isAge
        ? await call('openAgeBundle', { path, importIntoAccountId: accountId })
        : await call('openBundle', { path, password, importIntoAccountId: accountId });
      setPassword('');
      setNotice(`Imported ${plural(result.imported, 'token')}.`);
      onImported();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Dialog title="Open a handoff bundle" onClose={onClose} wide>
      <form className="form" onSubmit={open}>
        <label htmlFor="open-bundle-file">Bundle file</label>
        <div className="row">
          <input id="open-bundle-file" value={path} readOnly placeholder="Choose a .zip or .age…" />
          <button type="button" onClick={choose}>
            Choose…
          </button>
        </div>
        {isAge ? (
          <p className="hint">
            An age-encrypted bundle: it opens with this vault’s age key (Receive tokens), no password needed.
          </p>
        ) : (
          <>
            <label htmlFor="open-bundle-password">Bundle password</label>
            <input
              id="open-bundle-password"
              type="password"
              autoComplete="off"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!path || (!isAge && !password)}>
            Open
          </button>
        </div>
      </form>
      {opened && (
        <section aria-labelledby="opened-title">
          <h3 id="opened-title" tabIndex={-1} ref={openedHeading}>
            {plural(opened.tokens.length, 'token')} for {opened.recipient}, from {opened.from}
          </h3>
          <ul className="pick-list opened-bundle-tokens" aria-label="Tokens in the bundle">
            {opened.tokens.map((t) => (
              <li key={`${t.account}/${t.name}`}>
                {t.name}{' '}
                <span className="muted small">
                  {[t.account, t.kind, t.keyId].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
          <div className="row opened-bundle-import">
            <label htmlFor="open-bundle-account">Import into</label>
            <select
              id="open-bundle-account"
              value={accountId}
              onChange={(e) => setAccountId(Number(e.target.value))}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <button type="button" className="primary" onClick={importAll} disabled={accountId === ''}>
              Import all
            </button>
          </div>
        </section>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorText message={error} />
    </Dialog>
  );
}
