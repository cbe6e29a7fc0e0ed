/** Where and how long background work runs: `turn` runs work soon, after what waits (input, IPC, timers). */
export interface SliceScheduler {
  turn: (work: () => void) => void;
  /** How long one slice may hold the thread (0: one step per slice). */
  sliceMs: number;
}

/**
 * The default: setImmediate where there is one (Node: the CLI and the main process); else a MessageChannel
 * message (the renderer), which, unlike setTimeout, is not held back to 4 ms once nested. The immediate is kept
 * ref'd: an unref'd one lets the loop sleep until its next timer or input, one slice per wake-up (4 s instead of
 * 0.5 s for 10,000 tokens with a keystroke every 100 ms). Work nobody needs is stopped by its owner instead (the
 * index stops its build when the vault locks, src/main/core/vault/vault.ts; the CLI always locks).
 */
export const nextTurn: SliceScheduler['turn'] = (() => {
  const global = globalThis as { setImmediate?: (work: () => void) => unknown };
  const setImmediate = global.setImmediate;
  if (setImmediate) return (work: () => void) => void setImmediate(work);
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    // The DOM's MessagePort (this branch runs only where there is no setImmediate: the renderer).
    (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => waiting.shift()?.();
    return (work: () => void) => {
      waiting.push(work);
      channel.port2.postMessage(null);
    };
  }
  return (work: () => void) => void setTimeout(work, 0);
})();

/** How long one slice may hold the thread: well under a frame (16 ms), so a keystroke waits at most this. */
export const SLICE_MS = 8;

export const BETWEEN_OTHER_WORK: SliceScheduler = { turn: nextTurn, sliceMs: SLICE_MS };

/**
 * Steps `steps` through in slices of at most about `schedule.sliceMs`, each in its own turn of the event loop, until it is
 * done or `stillWanted` says no (its result is then dropped). The steps must yield often (every few hundred
 * tokens) for the slices to stay short.
 */
export function runInSlices(
  steps: Iterator<unknown, void>,
  schedule: SliceScheduler,
  stillWanted: () => boolean,
): void {
  const slice = () => {
    if (!stillWanted()) return;
    const until = performance.now() + schedule.sliceMs;
    do {
      if (steps.next().done) return;
    } while (performance.now() < until);
    schedule.turn(slice);
  };
  schedule.turn(slice);
}
