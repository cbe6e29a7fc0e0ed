import type { ReactNode } from 'react';

interface FieldProps {
  /** The id of the control inside, which the label names. */
  id: string;
  label: string;
  /** A line under the control; give the control `aria-describedby={`${id}-hint`}` to have it read out. */
  hint?: string;
  /** Spans both columns of a `.field-grid`. */
  wide?: boolean;
  children: ReactNode;
}

/** A labelled control, laid out as one cell of a form grid. */
export function Field({ id, label, hint, wide, children }: FieldProps) {
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
