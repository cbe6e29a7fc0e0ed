import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { messageOf } from '../../api';

interface DateDialogProps {
  title: string;
  label: string;
  explanation: string;
  initial: string;
  submitLabel: string;
  /** Offer "no date" (an expiry that never comes). */
  clearLabel?: string;
  /** Receives a YYYY-MM-DD day, or null when cleared; a rejection is shown as its sentence. */
  onSubmit: (day: string | null) => Promise<void>;
  onClose: () => void;
}

/** One date, chosen with the keyboard or a picker: a token's last activity or its expiry. */
export function DateDialog(props: DateDialogProps) {
  const [day, setDay] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (value: string | null) => {
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(value);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void save(day);
        }}
      >
        <p>{props.explanation}</p>
        <label htmlFor="date-dialog-day">{props.label}</label>
        <input
          id="date-dialog-day"
          type="date"
          value={day}
          onChange={(e) => setDay(e.target.value)}
          required
        />
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          {props.clearLabel && (
            <button type="button" onClick={() => void save(null)} disabled={busy}>
              {props.clearLabel}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || !day}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
