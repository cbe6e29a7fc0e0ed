/** Failed unlock attempts wait 1 s, 2 s, 4 s, ... up to 30 s before the next attempt is accepted (app and CLI). */
export const BACKOFF_CAP_MS = 30_000;

export function backoffDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_CAP_MS, 1000 * 2 ** (failures - 1));
}
