import { useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import { plural } from '../../../../shared/token-state-vocabulary';
import type { Action } from '../../data/use-action';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/**
 * "Forget N earlier values": it cannot be undone (no rollback to those values afterwards), so it asks first, with
 * focus on Cancel (ConfirmDialog).
 */
export function ForgetEarlierValues({
  token,
  action,
  onDone,
}: {
  token: TokenMeta;
  action: Action;
  onDone: (message: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const count = token.previousValueCount;
  const forget = async () => {
    if (await action.run('purgePreviousValues', { id: token.id })) {
      setAsking(false);
      onDone(`The earlier values of “${token.name}” are forgotten.`);
    }
  };
  return (
    <>
      <button type="button" onClick={() => (action.clearError(), setAsking(true))}>
        Forget {count} earlier {count === 1 ? 'value' : 'values'}…
      </button>
      {asking && (
        <ConfirmDialog
          title={`Forget the earlier ${count === 1 ? 'value' : 'values'} of “${token.name}”?`}
          confirmLabel={`Forget ${plural(count, 'earlier value')}`}
          danger
          busy={action.busy}
          error={action.error}
          onConfirm={() => void forget()}
          onCancel={() => setAsking(false)}
        >
          <p>
            The vault keeps {count === 1 ? 'this value' : `these ${count} values`} so you can roll back to{' '}
            {count === 1 ? 'it' : 'one of them'}. Once forgotten, {count === 1 ? 'it is' : 'they are'} gone
            from the vault for good; nothing changes on the platform.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
