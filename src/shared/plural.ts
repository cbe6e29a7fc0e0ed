/** "1 token", "2 tokens": a count and its word, for the sentences the app and the CLI print. */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** The verb that agrees with a count: "was" or "were", "stays" or "stay". */
export function agree(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
