import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorText } from './ErrorText';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Destructive actions read in red. */
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The one confirmation every screen uses: a question, what happens, and two buttons. Focus starts on the safe
 * answer (Cancel), so an Enter pressed by habit does not confirm; Escape cancels.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, cancelLabel = 'Cancel', danger, busy, error } = props;
  return (
    <Dialog title={title} onClose={props.onCancel} initialFocus="cancel">
      <div className="form">
        {children}
        <ErrorText message={error ?? null} />
        <div className="actions">
          <button type="button" data-cancel onClick={props.onCancel}>
            {cancelLabel}
          </button>
          <button
            type="button"
            className={danger ? 'danger-strong' : 'primary'}
            onClick={props.onConfirm}
            disabled={busy}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
