/** The parts of an IPC event's sender we judge (a structural type, so the check is testable without Electron). */
export interface SenderFacts {
  /** URL of the frame that sent the message. */
  frameUrl: string | undefined;
  /** Whether that frame is the top frame of its page (not an iframe). */
  isTopFrame: boolean;
  /** The webContents id the message came from. */
  webContentsId: number;
}

/**
 * Our page is the top frame of our one window, loaded from the app's own index.html. The path must match exactly
 * (only the #fragment may differ): a prefix test would also trust a sibling such as `index.html.evil`.
 */
export function isTrustedSender(
  sender: SenderFacts,
  expected: { webContentsId: number; appUrl: string },
): boolean {
  if (!sender.isTopFrame || sender.webContentsId !== expected.webContentsId || !sender.frameUrl) return false;
  try {
    const url = new URL(sender.frameUrl);
    const app = new URL(expected.appUrl);
    return (
      url.protocol === app.protocol &&
      url.host === app.host &&
      url.pathname === app.pathname &&
      url.search === app.search
    );
  } catch {
    return false;
  }
}
