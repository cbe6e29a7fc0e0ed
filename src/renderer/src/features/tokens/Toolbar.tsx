/** One toolbar button: what it does, and when it cannot, why (shown beside it on hover and focus, and read with it). */
export interface ToolbarItem {
  id: string;
  label: string;
  /** What the button shows when that is shorter than its name (the key that opens it); the name is still read. */
  shown?: string;
  onClick: () => void;
  primary?: boolean;
  title?: string;
  /** Why the button cannot be used now; a disabled button always says why. */
  disabledReason?: string | null;
}

/**
 * The main screen's toolbar: a plain list of buttons, so a new feature adds one item. A button that cannot be used
 * stays focusable (aria-disabled, not disabled): Tab still reaches it, and its reason shows under it on focus and
 * hover instead of living only in a tooltip or a screen reader's text.
 */
export function Toolbar({ items }: { items: ToolbarItem[] }) {
  return (
    <div className="actions toolbar" role="toolbar" aria-label="Vault actions">
      {items.map((item) => {
        const reasonId = item.disabledReason ? `toolbar-${item.id}-why` : undefined;
        return (
          <span key={item.id} className="toolbar-item">
            <button
              type="button"
              className={item.primary ? 'primary' : undefined}
              onClick={item.disabledReason ? undefined : item.onClick}
              aria-disabled={item.disabledReason ? true : undefined}
              title={item.disabledReason ? undefined : item.title}
              aria-describedby={reasonId}
              // The name holds what is shown, so a voice command naming the visible "?" still finds it.
              aria-label={item.shown ? `${item.label} (${item.shown})` : undefined}
            >
              {item.shown ?? item.label}
            </button>
            {reasonId && (
              <span id={reasonId} role="tooltip" className="toolbar-why">
                {item.disabledReason}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}
