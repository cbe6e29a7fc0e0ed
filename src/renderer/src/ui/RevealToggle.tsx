/** Show or hide what was typed in a masked field (`controls`: the ids of the fields it switches). */
export function RevealToggle({
  shown,
  onToggle,
  controls,
}: {
  shown: boolean;
  onToggle: (shown: boolean) => void;
  controls: string;
}) {
  return (
    <button type="button" aria-pressed={shown} aria-controls={controls} onClick={() => onToggle(!shown)}>
      {shown ? 'Hide' : 'Show'}
    </button>
  );
}
