/** Where and how long background work runs: `turn` runs work soon, after what waits (input, IPC, timers). */
export interface SliceScheduler {
  turn: (work: () => void) => void;
  /** How long one slice may hold the thread (0: one step per slice). */
  sliceMs: number;
}

/**
 * The default: setImmediate where there is one (Node: the CLI and the main process), unref'd so that a process
 * with nothing else to do exits rather than finishing work nobody will use; else a MessageChannel message (the
 * renderer), which, unlike setTimeout, is not held back to 4 ms once nested.
 */
export const nextTurn: SliceScheduler['turn'] = (() => {
  const global = globalThis as {
    setImmediate?: (work: () => void) => { unref?: () => void };
  };
  const setImmediate = global.setImmediate;
  if (setImmediate) return (work: () => void) => void setImmediate(work).unref?.();
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
