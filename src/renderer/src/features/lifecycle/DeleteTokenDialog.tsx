import { useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import type { TokenUsage } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { InUseWarning } from './InUseWarning';

interface DeleteTokenDialogProps {
  token: TokenMeta;
  usage: TokenUsage | null;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteTokenDialog({ token, usage, onClose, onDeleted }: DeleteTokenDialogProps) {
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = (usage?.inUse ?? false) && !confirmed;

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
      <p>
        “{token.name}” and its earlier values will be removed from the vault. Integrations that still use it
        on the platform keep working until you delete it there too. The history keeps a record of the
        deletion.
      </p>
      <InUseWarning usage={usage} action="delete" confirmed={confirmed} onConfirm={setConfirmed} />
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Keep it
        </button>
        <button type="button" className="danger-strong" onClick={remove} disabled={blocked}>
          Delete token
        </button>
      </div>
    </Dialog>
  );
}
