import { Dialog } from '../../ui/Dialog';

/** Every keyboard shortcut of the main screen; ? opens it. Kept beside use-main-shortcuts.ts, which acts on them. */
export const SHORTCUTS: [keys: string, action: string][] = [
  ['Ctrl+F', 'Go to the search box'],
  ['Enter (in the search box)', 'Open the first result'],
  ['↓ (in the search box)', 'Move into the results'],
  ['↑ ↓ Home End (in the list)', 'Choose a token'],
  ['Ctrl+C (in the list)', 'Copy the selected token’s value'],
  ['Ctrl+Shift+C', 'Copy the selected token’s value from anywhere'],
  ['Ctrl+N', 'New token'],
  ['Ctrl+L', 'Lock the vault'],
  ['Escape', 'Close the open dialog'],
  ['?', 'Show these shortcuts'],
];

export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
