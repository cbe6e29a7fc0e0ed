import { useEffect, useState } from 'react';
import type { Account } from '../../../../shared/model';
import { ImportDialog } from './ImportDialog';
import { onImportRequested, requestImport } from './import-requests';

/**
 * Always mounted on the main screen: opens the import dialog for the toolbar button, Ctrl+I (the File menu's
 * "Import…" sends it) and a file dropped anywhere on the window.
 */
export function ImportHost({ accounts, onImported }: { accounts: Account[]; onImported: () => void }) {
  const [open, setOpen] = useState<{ file: File | null } | null>(null);

  useEffect(() => onImportRequested((file) => setOpen({ file })), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      // A shortcut never replaces a dialog the user is in.
      if (event.key.toLowerCase() !== 'i' || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      requestImport();
    };
    // Without preventDefault on dragover the browser would open the dropped file itself.
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      requestImport(file);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!open) return null;
  return (
    <ImportDialog
      key={open.file ? `${open.file.name}-${open.file.size}` : 'choose'}
      accounts={accounts}
      droppedFile={open.file}
      onClose={() => setOpen(null)}
      onImported={onImported}
    />
  );
}
