import { BrowserWindow, clipboard, ClipboardItem, dialog } from 'electron';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { PlatformServices } from '../session/platform-services';
import { concealmentPayloads } from './clipboard-concealment';
import { openDialogOptions, saveDialogOptions } from './file-dialog-options';

/** The OS's concealment hints as Blobs for one ClipboardItem (see clipboard-concealment.ts). */
function concealmentFormats(): Record<string, Blob> {
  return Object.fromEntries(
    Object.entries(concealmentPayloads(process.platform)).map(([format, bytes]) => [
      format,
      new Blob([bytes]),
    ]),
  );
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
        ...saveDialogOptions(suggestedName),
        // Only the name comes from the page: the dialog opens in the home folder, never where the page points.
        defaultPath: join(homedir(), basename(suggestedName)),
        properties: ['showOverwriteConfirmation'] as 'showOverwriteConfirmation'[],
      };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenFile(purpose) {
      const owner = window();
      const options = { ...openDialogOptions(purpose), properties: ['openFile'] as 'openFile'[] };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
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
