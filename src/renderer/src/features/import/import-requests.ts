/**
 * "Import…" can be asked for from the toolbar, the File menu (which replays Ctrl+I into the page, see
 * src/main/menu.ts) or by dropping a file on the window; they all land here, and ImportHost opens the dialog.
 */
type Listener = (file: File | null) => void;

const listeners = new Set<Listener>();

export function requestImport(file: File | null = null): void {
  listeners.forEach((listener) => listener(file));
}

export function onImportRequested(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
