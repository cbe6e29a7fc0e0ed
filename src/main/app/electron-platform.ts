import { BrowserWindow, clipboard, ClipboardItem, dialog } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PlatformServices } from '../session/platform-services';

/** Raw formats clipboard managers honour to keep a value out of their history: KDE/Klipper, macOS, Windows. */
function concealmentFormats(): Record<string, Blob> {
  const raw = (format: string) => `electron application/osclipboard;format="${format}"`;
  if (process.platform === 'linux') return { [raw('x-kde-passwordManagerHint')]: new Blob(['secret']) };
  if (process.platform === 'darwin') return { [raw('org.nspasteboard.ConcealedType')]: new Blob([]) };
  if (process.platform === 'win32') {
    return {
      [raw('ExcludeClipboardContentFromMonitorProcessing')]: new Blob([]),
      [raw('CanIncludeInClipboardHistory')]: new Blob([new Uint8Array(4)]),
      [raw('CanUploadToCloudClipboard')]: new Blob([new Uint8Array(4)]),
    };
  }
  return {};
}

export function createElectronPlatform(window: () => BrowserWindow | null): PlatformServices {
  return {
    async writeClipboard(text) {
      try {
        // One atomic write: the text and the concealment hints land together.
        await clipboard.write([new ClipboardItem({ 'text/plain': text, ...concealmentFormats() })]);
      } catch {
        await clipboard.writeText(text);
      }
    },
    readClipboard: () => clipboard.readText(),
    clearClipboard: () => clipboard.clear(),
    async chooseSaveFile(suggestedName) {
      const owner = window();
      const options = {
        title: 'Save the handoff bundle',
        defaultPath: join(homedir(), suggestedName),
        filters: [{ name: 'ZIP archive', extensions: ['zip'] }],
        properties: ['showOverwriteConfirmation'] as 'showOverwriteConfirmation'[],
      };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFolder(purpose, suggestedName) {
      const owner = window();
      if (purpose === 'create') {
        const options = {
          title: 'Create a vault',
          buttonLabel: 'Create vault here',
          defaultPath: join(homedir(), `${suggestedName ?? 'tokens'}.tokenvault`),
          properties: ['createDirectory', 'showOverwriteConfirmation'] as (
            'createDirectory' | 'showOverwriteConfirmation'
          )[],
        };
        const result = owner
          ? await dialog.showSaveDialog(owner, options)
          : await dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) return null;
        return result.filePath.endsWith('.tokenvault') ? result.filePath : `${result.filePath}.tokenvault`;
      }
      const options = { title: 'Open a vault folder', properties: ['openDirectory'] as 'openDirectory'[] };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
