export type ValueSource = 'generate' | 'paste';

interface ValueSourceChoiceProps {
  /** The radio group's name, unique on the page. */
  name: string;
  value: ValueSource;
  onChange: (source: ValueSource) => void;
  generateLabel: string;
}

/** Where a token's value comes from: generated here, or pasted as the platform issued it. */
export function ValueSourceChoice({ name, value, onChange, generateLabel }: ValueSourceChoiceProps) {
  const option = (source: ValueSource, label: string) => (
    <label className="check">
      <input type="radio" name={name} checked={value === source} onChange={() => onChange(source)} />
      {label}
    </label>
  );
  return (
    <>
      {option('generate', generateLabel)}
      {option('paste', 'Paste the value the platform issued')}
    </>
  );
}
