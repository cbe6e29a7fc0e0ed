/** Pure decisions behind the window's guards: the page may not go anywhere, open anything, or get permissions. */

export function shouldAllowNavigation(targetUrl: string, appUrl: string): boolean {
  // A reload of our own page is the only navigation there is; everything else (links, drag-and-drop) is refused.
  return targetUrl === appUrl;
}

export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

export function permissionDecision(_permission: string): boolean {
  return false;
}
