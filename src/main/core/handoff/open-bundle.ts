import { VaultError } from '../../../shared/errors';
import type { HandoffDocument } from '../../../shared/handoff-format';
import { readIdentityFile } from '../age/identity-file';
import { isAgeFile, readAgeBundle } from './age-bundle';
import { checkBundleLayout } from './bundle-layout';
import { readBundle } from './bundle-zip';
import { readBundleFileBytes } from './read-bundle-file';

/** Where the secret key of the vault's own age identity comes from (VaultIdentity, or a vault the CLI unlocks). */
export interface AgeSecretKeySource {
  secretKeyForDecryption(): string | Promise<string>;
}

/**
 * The key the user gave for a bundle. Each is asked for only once the file's content says which kind it is, so a
 * bad file is refused before a prompt, and a password is never asked for an age file.
 */
export type BundleKey =
  /** A password ZIP's password (a function for the CLI's prompt, called only for a ZIP). */
  | { kind: 'password'; password: string | (() => Promise<string>) }
  /** The age identity of a vault (the app's open vault, or the CLI's --identity-vault). */
  | { kind: 'vault-identity'; identity: AgeSecretKeySource }
  /** An age-keygen identity file (the CLI's --identity-file), read bounded (src/main/core/age/identity-file.ts). */
  | { kind: 'identity-file'; path: string };

export const AGE_FILE_GIVEN_A_PASSWORD =
  "This is an age-encrypted bundle, which has no password: open it with the age key it was sent to (in the app, this vault's key for receiving; with tokenvault, --identity-vault VAULT or --identity-file F).";
export const ZIP_GIVEN_AN_AGE_KEY =
  'This is a password-protected ZIP bundle, not an age file: open it with its bundle password (with tokenvault, --bundle-password-file F or the prompt).';

/**
 * Open a bundle file someone gave us, of either kind. The file is read bounded (read-bundle-file.ts: a regular file,
 * no bigger than its kind can be), its content (not its name) says whether it is an age file or a password ZIP,
 * and only then is the key used (a ZIP's layout is checked before it): bundle-zip.ts and age-bundle.ts say what each refuses. A key of the other kind
 * is refused with one sentence (INVALID_INPUT, CLI exit 2). The app's Open bundle (src/main/ipc/handlers.ts,
 * age-handlers.ts) and the CLI's `handoff open` (src/cli/commands/handoff-commands.ts) call only this, so the same
 * file reads the same sentence in both. Nothing is written.
 */
export async function openBundleFile(path: string, key: BundleKey): Promise<HandoffDocument> {
  const bytes = readBundleFileBytes(path);
  if (isAgeFile(bytes)) {
    if (key.kind === 'password') throw new VaultError('INVALID_INPUT', AGE_FILE_GIVEN_A_PASSWORD);
    const identities =
      key.kind === 'identity-file'
        ? readIdentityFile(key.path)
        : [await key.identity.secretKeyForDecryption()];
    return readAgeBundle(bytes, identities);
  }
  // The layout needs no key: a file that is no bundle at all is refused with its sentence before any prompt, and
  // says the same whichever key came with it.
  checkBundleLayout(bytes);
  if (key.kind !== 'password') throw new VaultError('INVALID_INPUT', ZIP_GIVEN_AN_AGE_KEY);
  const password = typeof key.password === 'string' ? key.password : await key.password();
  return readBundle(bytes, password);
}
