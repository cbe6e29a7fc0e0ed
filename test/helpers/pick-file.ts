import type { Dispatch } from '../../src/main/ipc/dispatcher';
import type { MemoryPlatform } from './memory-platform';

/**
 * The user picks `path` in the native dialog that `method` opens, as the renderer would ask for it: main reads or
 * writes only files picked so (src/main/session/chosen-files.ts).
 */
export async function pickFile(
  dispatch: Dispatch,
  platform: MemoryPlatform,
  method: 'chooseBundleFile' | 'chooseBundleToOpen' | 'chooseImportFile' | 'chooseImportKeyFile',
  path: string,
): Promise<string> {
  if (method === 'chooseBundleFile') platform.saveFileAnswer = path;
  else platform.openFileAnswer = path;
  const picked = await dispatch(method, method === 'chooseBundleFile' ? { suggestedName: 'picked' } : {});
  if (!picked.ok || (picked.value as { path: string } | null)?.path !== path)
    throw new Error(`${method} did not answer the picked path`);
  return path;
}
