/** What a native open dialog is for: each shows the files it can take and says so in its title. */
export type OpenPurpose = 'bundle' | 'import' | 'key-file';

/** What the session needs from the desktop, so the session itself runs (and is tested) without Electron. */
export interface PlatformServices {
  /** Put a secret on the clipboard, marked concealed for clipboard managers where the OS allows. */
  writeClipboard(text: string): Promise<void>;
  readClipboard(): Promise<string>;
  clearClipboard(): void;
  /** A native folder dialog; null when the user cancels. */
  chooseFolder(purpose: 'create' | 'open', suggestedName?: string): Promise<string | null>;
  /** A native save dialog for a new file; null when the user cancels. */
  chooseSaveFile(suggestedName: string): Promise<string | null>;
  /** A native open dialog for an existing file (a bundle, or a file to import); null when the user cancels. */
  chooseOpenFile(purpose: OpenPurpose): Promise<string | null>;
}
