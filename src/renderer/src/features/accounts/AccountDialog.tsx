import { useState } from 'react';
import type { Account } from '../../../../shared/model';
import { findProfile, GENERIC_PROFILE, PROFILES } from '../../../../shared/profiles';
import { useAction } from '../../data/use-action';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';

/** Add a platform account, or edit one (its name and notes; the platform rules stay as chosen). */
export function AccountDialog({
  account,
  onClose,
  onSaved,
}: {
  account?: Account;
  onClose: () => void;
  onSaved: (account: Account) => void;
}) {
  const [name, setName] = useState(account?.name ?? '');
  const [notes, setNotes] = useState(account?.notes ?? '');
  const [profileId, setProfileId] = useState(account?.profile ?? GENERIC_PROFILE.id);
  const [allowDelete, setAllowDelete] = useState(account?.allowDelete ?? false);
  const profile = findProfile(profileId) ?? GENERIC_PROFILE;
  const save = useAction();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const saved = account
      ? await save.run('updateAccount', {
          id: account.id,
          name,
          notes,
          ...(profile.endpoints ? { allowDelete } : {}),
        })
      : await save.run('createAccount', {
          name,
          notes,
          profile: profileId,
          allowDelete: profile.endpoints && allowDelete,
        });
    if (saved) onSaved(saved);
  };
  return (
    <Dialog
      title={account ? `Edit the account “${account.name}”` : 'Add a platform account'}
      onClose={onClose}
    >
      <form className="form" onSubmit={submit} onChange={save.clearError}>
        <label htmlFor="account-name">Name</label>
        <input
          id="account-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Engaging Networks (main)"
        />
        <label htmlFor="account-profile">Platform rules</label>
        <select
          id="account-profile"
          value={profileId}
          onChange={(e) => setProfileId(e.target.value)}
          disabled={account !== undefined}
          aria-describedby="account-profile-help"
        >
          {PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <p className="hint" id="account-profile-help">
          {profile.description}
          {account ? ' The platform of an account does not change.' : ''}
        </p>
        {profile.endpoints && (
          <label className="check">
            <input type="checkbox" checked={allowDelete} onChange={(e) => setAllowDelete(e.target.checked)} />
            The platform allows DELETE on this account&apos;s endpoints
          </label>
        )}
        <label htmlFor="account-notes">Notes</label>
        <textarea id="account-notes" value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
        <ErrorText message={save.error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim() || save.busy}>
            {account ? 'Save' : 'Add account'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
