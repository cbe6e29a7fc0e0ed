/** One toolbar button: what it does, and when it cannot, why (shown as its tooltip and read with it). */
export interface ToolbarItem {
  id: string;
  label: string;
  onClick: () => void;
  primary?: boolean;
  title?: string;
  /** Why the button cannot be used now; a disabled button always says why. */
  disabledReason?: string | null;
}

/** The main screen's toolbar: a plain list of buttons, so a new feature adds one item. */
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
              onClick={item.onClick}
              disabled={Boolean(item.disabledReason)}
              title={item.disabledReason ?? item.title}
              aria-describedby={reasonId}
            >
              {item.label}
            </button>
            {reasonId && (
              <span id={reasonId} className="visually-hidden">
                {item.disabledReason}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}
