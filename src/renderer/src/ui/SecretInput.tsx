interface SecretInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A token value typed or pasted by the user: masked, never autocompleted or spell-checked (no copy leaves here). */
export function SecretInput({ id, label, value, onChange }: SecretInputProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
