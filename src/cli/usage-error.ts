/** A mistake in how the command was called (exit 2). Its message is one sentence with what to do instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
