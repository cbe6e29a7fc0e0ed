import { useState } from 'react';
import type { Account } from '../../../../shared/model';
import { findProfile, GENERIC_PROFILE, PROFILES } from '../../../../shared/profiles';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';

interface SidebarProps {
  accounts: Account[];
  selected: number | null;
  onSelect: (id: number | null) => void;
  onAddAccount: () => void;
}

export function AccountSidebar({ accounts, selected, onSelect, onAddAccount }: SidebarProps) {
  const total = accounts.reduce((sum, account) => sum + account.tokenCount, 0);
  return (
    <nav className="sidebar" aria-label="Accounts">
      <h2 className="sidebar-title">Accounts</h2>
      <ul>
        <li>
          <button
            type="button"
            className={selected === null ? 'nav-item active' : 'nav-item'}
            aria-current={selected === null}
            onClick={() => onSelect(null)}
          >
            <span>All tokens</span>
            <span className="count">{total}</span>
          </button>
        </li>
        {accounts.map((account) => (
          <li key={account.id}>
            <button
              type="button"
              className={selected === account.id ? 'nav-item active' : 'nav-item'}
              aria-current={selected === account.id}
              onClick={() => onSelect(account.id)}
            >
              <span className="nav-text">
                <span className="nav-name" title={account.name}>
                  {account.name}
                </span>
                <span className="nav-profile">{(findProfile(account.profile) ?? GENERIC_PROFILE).label}</span>
              </span>
              <span className="count" aria-label={`${account.tokenCount} tokens`}>
                {account.tokenCount}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="add-account" onClick={onAddAccount}>
        + Add account
      </button>
    </nav>
  );
}

export function AddAccountDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const [profileId, setProfileId] = useState(GENERIC_PROFILE.id);
  const [allowDelete, setAllowDelete] = useState(false);
  const profile = findProfile(profileId) ?? GENERIC_PROFILE;
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const account = await call('createAccount', {
        name,
        notes,
        profile: profileId,
        allowDelete: profile.endpoints && allowDelete,
      });
      onCreated(account.id);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Dialog title="Add a platform account" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label htmlFor="account-name">Name</label>
        <input
          id="account-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Engaging Networks (main)"
        />
        <label htmlFor="account-profile">Platform rules</label>
        <select id="account-profile" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
          {PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <p className="hint" id="account-profile-help">
          {profile.description}
        </p>
        {profile.endpoints && (
          <label className="check">
            <input type="checkbox" checked={allowDelete} onChange={(e) => setAllowDelete(e.target.checked)} />
            The platform allows DELETE on this account&apos;s endpoints
          </label>
        )}
        <label htmlFor="account-notes">Notes</label>
        <textarea id="account-notes" value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            Add account
          </button>
        </div>
      </form>
    </Dialog>
  );
}
