import { useState } from 'react';
import { FieldError } from './FieldError';
import { RevealToggle } from './RevealToggle';

interface SecretInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The field's error sentence, read out with the field (FieldError). */
  error?: string | null;
  autoComplete?: string;
}

/**
 * A secret typed or pasted by the user: masked (with a Show toggle to check what was pasted), never autocompleted
 * or spell-checked (no copy leaves here).
 */
export function SecretInput({ id, label, value, onChange, error, autoComplete = 'off' }: SecretInputProps) {
  const [shown, setShown] = useState(false);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="row secret-input">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          autoComplete={autoComplete}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <RevealToggle shown={shown} onToggle={setShown} controls={id} />
      </div>
      <FieldError id={id} message={error ?? null} />
    </>
  );
}
