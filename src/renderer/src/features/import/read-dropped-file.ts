/** The largest file the app reads (the same cap as core's IMPORT_LIMITS.maxFileBytes, docs/cli.md). */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

/** A dropped file's bytes as base64, for main to read; the size is checked before anything is read. */
export async function readDroppedFile(file: File): Promise<string> {
  if (file.size > MAX_IMPORT_FILE_BYTES)
    throw new Error(`${file.name} is larger than the 64 MiB an import file may be.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
