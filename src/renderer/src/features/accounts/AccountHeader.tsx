import { useState } from 'react';
import type { Account } from '../../../../shared/model';
import { findProfile, GENERIC_PROFILE } from '../../../../shared/profiles';
import { useAction } from '../../data/use-action';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/** The selected account above its tokens: platform, notes, and Rename / Delete. */
export function AccountHeader({
  account,
  onEdit,
  onDeleted,
}: {
  account: Account;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction();
  const profile = findProfile(account.profile) ?? GENERIC_PROFILE;
  const holdsTokens = account.tokenCount > 0;
  return (
    <section className="account-header" aria-label={`Account ${account.name}`}>
      <div className="row account-header-row">
        <h2 className="account-title">
          {account.name} <span className="muted small">{profile.label}</span>
        </h2>
        <div className="actions">
          <button type="button" onClick={onEdit}>
            Rename or change notes…
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setConfirming(true)}
            disabled={holdsTokens}
            title={
              holdsTokens ? 'Delete or move its tokens first: an account with tokens is kept.' : undefined
            }
            aria-describedby={holdsTokens ? 'account-delete-why' : undefined}
          >
            Delete account…
          </button>
          {holdsTokens && (
            <span id="account-delete-why" className="visually-hidden">
              Delete or move its tokens first: an account with tokens is kept.
            </span>
          )}
        </div>
      </div>
      {account.notes && <p className="account-notes">{account.notes}</p>}
      {confirming && (
        <ConfirmDialog
          title={`Delete the account “${account.name}”?`}
          confirmLabel="Delete account"
          danger
          busy={remove.busy}
          error={remove.error}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            if (await remove.run('deleteAccount', { id: account.id })) {
              setConfirming(false);
              onDeleted();
            }
          }}
        >
          <p>It holds no token. Its record stays in the vault&apos;s history.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
