import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** Where focus starts: the first field (forms), or the Cancel button (`data-cancel`, confirmations). */
  initialFocus?: 'first' | 'cancel';
}

const FOCUSABLE = 'button, input, select, textarea, [tabindex="0"]';

/** Open dialogs, innermost last: only the innermost one answers Escape and keeps Tab inside. */
const openDialogs: HTMLElement[] = [];

/** A modal dialog: focus moves in, Tab stays in, Escape closes, focus returns where it was. */
export function Dialog({ title, onClose, children, wide, initialFocus = 'first' }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    const previous = document.activeElement as HTMLElement | null;
    openDialogs.push(element);
    const first =
      initialFocus === 'cancel'
        ? element.querySelector<HTMLElement>('[data-cancel]')
        : (element.querySelector<HTMLElement>(
            'input:not([type=radio]):not([type=checkbox]):not([readonly]):not([disabled]), select:not([disabled]), textarea:not([disabled])',
          ) ??
          element.querySelector<HTMLElement>(
            'input:not([disabled]), button:not([data-close]):not([disabled])',
          ));
    // A disabled control cannot take focus (a dialog still loading has only those): the panel takes it then.
    (first ?? element).focus();

    // On the window, not the panel: a button that disables itself after a click drops the focus to <body>, and
    // Escape and Tab must still work then.
    const onKeyDown = (event: KeyboardEvent) => {
      if (openDialogs[openDialogs.length - 1] !== element) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = [...element.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (candidate) => !candidate.hasAttribute('disabled'),
      );
      const firstFocusable = focusable[0];
      const lastFocusable = focusable[focusable.length - 1];
      const active = document.activeElement;
      if (!active || !element.contains(active)) {
        event.preventDefault();
        (event.shiftKey ? lastFocusable : firstFocusable)?.focus();
      } else if (event.shiftKey && active === firstFocusable) {
        event.preventDefault();
        lastFocusable?.focus();
      } else if (!event.shiftKey && active === lastFocusable) {
        event.preventDefault();
        firstFocusable?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      openDialogs.splice(openDialogs.indexOf(element), 1);
      // Another dialog is still open (this one was replaced by the next, or sat on top of another): focus stays in
      // the innermost one, never behind it, whatever order React runs the two dialogs' effects in.
      const top = openDialogs[openDialogs.length - 1];
      if (top) {
        if (top.contains(document.activeElement)) return;
        if (previous?.isConnected && top.contains(previous)) previous.focus();
        else
          (
            top.querySelector<HTMLElement>('input, select, textarea, button:not([data-close])') ?? top
          ).focus();
        return;
      }
      // Back where it was; when that control is gone (the dialog replaced it), to the screen's home control.
      const home = document.querySelector<HTMLElement>('[data-focus-home]');
      if (previous?.isConnected && previous !== document.body) previous.focus();
      else home?.focus();
    };
    // Mount-only: the dialog's first focus is decided once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={panel}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" data-close onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
