import type { LockReason } from '../session/session-controller';

/**
 * Whether main reloads the page after a lock. A reload drops the DOM and every bit of React state at once, so a
 * lock from outside the page (menu, idle, suspend, screen lock) leaves nothing behind even before the page's next
 * poll. Not when the page asked (it refreshes itself), not while another vault is being created or unlocked (the
 * page is waiting for that answer, a recovery key for instance), and not when the window is closing.
 */
export function shouldReloadAfterLock(reason: LockReason): boolean {
  return reason === 'menu' || reason === 'idle' || reason === 'system';
}
