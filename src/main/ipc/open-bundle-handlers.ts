import type { OpenedBundleView } from '../../shared/handoff-views';
import { openBundleFile, type BundleKey } from '../core/handoff/open-bundle';
import { openedBundleView } from '../core/handoff/opened-bundle-view';
import type { SessionController } from '../session/session-controller';
import type { Handlers } from './handlers';

/** Open with core's one use case, then import into the open vault when asked; the answer never carries a value. */
async function openAndMaybeImport(
  session: SessionController,
  path: string,
  key: BundleKey,
  importIntoAccountId: number | undefined,
): Promise<OpenedBundleView> {
  // Only a file the user picked in the native dialog is read (src/main/session/chosen-files.ts).
  const doc = await openBundleFile(session.chosenFiles.require(path, 'read'), key);
  const imported =
    importIntoAccountId === undefined
      ? 0
      : session.requireVault().useCases.importBundle(doc, importIntoAccountId).result;
  return openedBundleView(doc, imported);
}

/**
 * Open bundle, with a password or with this vault's age key: both are core's openBundleFile
 * (src/main/core/handoff/open-bundle.ts), which looks at the file's content, so a file of the other kind gets the
 * sentence the CLI gives it.
 */
export const openBundleHandlers: Pick<Handlers, 'openBundle' | 'openAgeBundle'> = {
  openBundle: (session, input) =>
    openAndMaybeImport(
      session,
      input.path,
      { kind: 'password', password: input.password },
      input.importIntoAccountId,
    ),
  openAgeBundle: (session, input) =>
    openAndMaybeImport(
      session,
      input.path,
      { kind: 'vault-identity', identity: session.requireVault().identity },
      input.importIntoAccountId,
    ),
};
