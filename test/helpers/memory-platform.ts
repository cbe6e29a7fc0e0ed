import type { PlatformServices } from '../../src/main/session/platform-services';

/** An in-memory desktop for tests and the browser harness: the Electron clipboard and dialogs are not reachable there. */
export class MemoryPlatform implements PlatformServices {
  clipboard = '';
  /** What the next chooseFolder call answers. */
  folderAnswer: string | null = null;

  async writeClipboard(text: string): Promise<void> {
    this.clipboard = text;
  }

  async readClipboard(): Promise<string> {
    return this.clipboard;
  }

  clearClipboard(): void {
    this.clipboard = '';
  }

  async chooseFolder(): Promise<string | null> {
    return this.folderAnswer;
  }

  /** What the next chooseSaveFile call answers. */
  saveFileAnswer: string | null = null;

  async chooseSaveFile(): Promise<string | null> {
    return this.saveFileAnswer;
  }

  /** What the next chooseOpenFile call answers. */
  openFileAnswer: string | null = null;

  async chooseOpenFile(): Promise<string | null> {
    return this.openFileAnswer;
  }
}
