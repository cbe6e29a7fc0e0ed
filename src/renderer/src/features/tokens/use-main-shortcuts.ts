import { useEffect, useRef } from 'react';

interface ShortcutActions {
  /** True while a dialog is open: a shortcut never replaces the dialog the user is in. */
  dialogOpen: boolean;
  newToken: () => void;
  focusSearch: () => void;
  lock: () => void;
  copySelected: () => void;
  showShortcuts: () => void;
}

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The main screen's window-wide shortcuts (listed in ShortcutsSheet.tsx). */
export function useMainShortcuts(actions: ShortcutActions) {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const now = latest.current;
      const key = event.key.toLowerCase();
      if (event.key === '?' && !now.dialogOpen && !typingIn(event.target)) {
        event.preventDefault();
        now.showShortcuts();
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (key === 'n' && !now.dialogOpen) {
        event.preventDefault();
        now.newToken();
      } else if (key === 'f') {
        event.preventDefault();
        now.focusSearch();
      } else if (key === 'l') {
        event.preventDefault();
        now.lock();
      } else if (key === 'c' && event.shiftKey && !now.dialogOpen) {
        event.preventDefault();
        now.copySelected();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
