import { VaultError } from '../shared/errors';

/**
 * Standard input, at most `maxBytes`: reading stops as soon as one byte more has arrived (`< /dev/zero` or an
 * endless pipe), so memory stays near the cap. Files given by path go through core's readBoundedFile instead.
 */
export async function readBoundedStdin(maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer;
    total += bytes.length;
    if (total > maxBytes) {
      // Leaving the loop destroys the stream: nothing more is read.
      throw new VaultError(
        'INVALID_INPUT',
        `${what} is more than the ${maxBytes.toLocaleString('en-US')} bytes accepted.`,
      );
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
