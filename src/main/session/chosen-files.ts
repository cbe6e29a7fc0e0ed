import { resolve } from 'node:path';
import { VaultError } from '../../shared/errors';

/** At most this many picked paths are remembered; the oldest is forgotten first (a session picks a few dozen). */
export const MAX_CHOSEN_FILES = 1_000;

/** What a dialog picked a file for. */
export type FileUse = 'read' | 'write';

/**
 * The files the user picked in a native dialog during this session. Main reads a file to import or open, and writes
 * a bundle or checklist, only at a path remembered here: the renderer names paths, but a page that was tricked into
 * naming another (~/.ssh/id_ed25519 as an "import source", a bundle written over ~/.bashrc) is refused, since the
 * user never picked it. Files dropped on the window reach main as bytes, never as paths.
 */
export class ChosenFiles {
  /** Each picked path with what its dialog was for: an open dialog lets main read it, a save dialog write it. */
  private readonly chosen = new Map<string, FileUse>();

  remember(path: string, use: FileUse): string {
    const key = resolve(path);
    this.chosen.delete(key);
    this.chosen.set(key, use);
    if (this.chosen.size > MAX_CHOSEN_FILES) this.chosen.delete(this.chosen.keys().next().value!);
    return path;
  }

  /**
   * The path, if the user picked it in a dialog for this use; otherwise INVALID_INPUT with a sentence, before
   * anything is read or written.
   */
  require(path: string, use: FileUse): string {
    if (this.chosen.get(resolve(path)) === use) return path;
    throw new VaultError(
      'INVALID_INPUT',
      use === 'read'
        ? 'Choose the file in the file dialog first: Token Vault reads only files picked there (or dropped on the window).'
        : 'Choose where to save in the file dialog first: Token Vault writes only where you picked there.',
    );
  }

  /** Locking forgets every pick: the next vault's work picks its own files. */
  clear(): void {
    this.chosen.clear();
  }
}
