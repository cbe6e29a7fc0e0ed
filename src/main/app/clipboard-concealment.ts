/** Electron's name for a raw, platform-specific clipboard format in a ClipboardItem. */
export function rawClipboardFormat(format: string): string {
  return `electron application/osclipboard;format="${format}"`;
}

/**
 * The formats clipboard managers honour to keep a copied secret out of their history, per OS, as raw payloads to
 * write in the same ClipboardItem as the text: KDE Klipper's password-manager hint on Linux, the nspasteboard.org
 * concealed type on macOS, and on Windows the monitor-exclusion format plus the two DWORD 0 flags that keep the
 * value out of Win+V history and cloud clipboard sync.
 */
export function concealmentPayloads(platform: NodeJS.Platform): Record<string, Uint8Array> {
  const dwordZero = new Uint8Array(4);
  switch (platform) {
    case 'linux':
      return { [rawClipboardFormat('x-kde-passwordManagerHint')]: new TextEncoder().encode('secret') };
    case 'darwin':
      return { [rawClipboardFormat('org.nspasteboard.ConcealedType')]: new Uint8Array(0) };
    case 'win32':
      return {
        [rawClipboardFormat('ExcludeClipboardContentFromMonitorProcessing')]: new Uint8Array(0),
        [rawClipboardFormat('CanIncludeInClipboardHistory')]: dwordZero,
        [rawClipboardFormat('CanUploadToCloudClipboard')]: dwordZero.slice(),
      };
    default:
      return {};
  }
}
