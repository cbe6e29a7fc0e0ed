import { VaultError } from '../shared/errors';
import { PASSWORD_FILE_MAX_BYTES } from '../main/core/input/input-limits';
import { firstLineOf, readBoundedTextFile } from '../main/core/input/read-text-input';
import { UsageError } from './usage-error';

/**
 * First line of a file, without its line ending: how scripts hand secrets to the CLI. The file is read bounded
 * (a secret's file is small; /dev/zero or a FIFO is refused) and must be UTF-8.
 */
export function readFirstLine(path: string, what: string, maxBytes = PASSWORD_FILE_MAX_BYTES): string {
  // A missing file is "not found" (exit 4) with readBoundedFile's sentence, as for every file the CLI reads.
  const text = readBoundedTextFile(path, { maxBytes, what: `The ${what} file` });
  const line = firstLineOf(text);
  if (!line) throw new UsageError(`The ${what} file ${path} is empty: its first line must hold the ${what}.`);
  return line;
}

/** Ask on the terminal with echo off. Only called when stdin is a TTY. */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    // Echo goes off before the question appears, so nothing typed after the prompt is ever shown.
    stdin.setRawMode?.(true);
    process.stderr.write(question);
    let answer = '';
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new VaultError('INVALID_INPUT', 'Cancelled.'));
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
        // Pasting a file into the prompt is bounded like a password file.
        if (answer.length > PASSWORD_FILE_MAX_BYTES)
          return finish(
            new VaultError('INVALID_INPUT', 'What was typed is longer than any password accepted.'),
          );
      }
    };
    stdin.on('data', onData);
  });
}

export interface SecretSource {
  file?: string;
  envVariable?: string;
  what: string;
}

/**
 * The flag's file wins over the environment variable's file; a TTY prompt comes last. With neither a file nor a
 * TTY the CLI stops with a usage error instead of waiting on stdin forever.
 */
export async function readSecret(source: SecretSource, prompt: string): Promise<string> {
  if (source.file) return readFirstLine(source.file, source.what);
  const fromEnv = source.envVariable ? process.env[source.envVariable] : undefined;
  if (fromEnv) return readFirstLine(fromEnv, source.what);
  if (process.stdin.isTTY) return promptHidden(prompt);
  const hint = source.envVariable ? ` or set ${source.envVariable}` : '';
  throw new UsageError(`No ${source.what} given: use a terminal, pass a file with its flag${hint}.`);
}
