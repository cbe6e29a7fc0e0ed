import type { HandoffField } from './handoff-format';

/**
 * What a bundle carries when the admin does not choose: the value, its key id and the description. Endpoints are
 * left out unless asked for (they say how the client's systems are wired). The app's wizard and the CLI's
 * `--fields` both start from this.
 */
export const DEFAULT_HANDOFF_FIELDS: readonly HandoffField[] = ['value', 'key-id', 'description'];
