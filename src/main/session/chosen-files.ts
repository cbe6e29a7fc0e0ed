import { resolve } from 'node:path';
import { VaultError } from '../../shared/errors';

/** At most this many picked paths are remembered; the oldest is forgotten first (a session picks a few dozen). */
export const MAX_CHOSEN_FILES = 1_000;

/**
 * The files the user picked in a native dialog during this session. Main reads a file to import or open, and writes
 * a bundle or checklist, only at a path remembered here: the renderer names paths, but a page that was tricked into
 * naming another (~/.ssh/id_ed25519 as an "import source", a bundle written over ~/.bashrc) is refused, since the
 * user never picked it. Files dropped on the window reach main as bytes, never as paths.
 */
export class ChosenFiles {
  private readonly chosen = new Set<string>();

  remember(path: string): string {
    const key = resolve(path);
    this.chosen.delete(key);
    this.chosen.add(key);
    if (this.chosen.size > MAX_CHOSEN_FILES) this.chosen.delete(this.chosen.values().next().value!);
    return path;
  }

  /** The path, if the user picked it; otherwise INVALID_INPUT with a sentence, before anything is read or written. */
  require(path: string): string {
    if (this.chosen.has(resolve(path))) return path;
    throw new VaultError(
      'INVALID_INPUT',
      'Choose the file in the file dialog first: Token Vault reads and writes only files picked there (or dropped on the window).',
    );
  }
}
