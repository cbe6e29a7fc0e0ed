import { useEffect, useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import type { TokenUsage } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { InUseWarning } from './InUseWarning';
import { PlatformGuideText } from './PlatformGuideText';

interface DeleteTokenDialogProps {
  token: TokenMeta;
  /** The token's profile, whose platform guide comes first. */
  profileId: string;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteTokenDialog({ token, profileId, onClose, onDeleted }: DeleteTokenDialogProps) {
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Read when the dialog opens, so the warning reflects the token's ties now; the action waits for it.
  const [usage, setUsage] = useState<TokenUsage | null>(null);
  useEffect(() => {
    call('tokenUsage', { id: token.id }).then(setUsage, (err) => setError(messageOf(err)));
  }, [token.id]);
  const blocked = usage === null || (usage.inUse && !confirmed);

  const remove = async () => {
    try {
      await call('deleteToken', { id: token.id, ...(confirmed ? { force: true } : {}) });
      onDeleted();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Dialog title="Delete this token?" onClose={onClose}>
      <PlatformGuideText profileId={profileId} action="delete" role={token.role} />
      <p>
        Done there? Record it here: “{token.name}” and its earlier values are removed from the vault, and the
        history keeps a record of the deletion.
      </p>
      <InUseWarning usage={usage} action="delete" confirmed={confirmed} onConfirm={setConfirmed} />
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Keep it
        </button>
        <button type="button" className="danger-strong" onClick={remove} disabled={blocked}>
          Record it deleted
        </button>
      </div>
    </Dialog>
  );
}
