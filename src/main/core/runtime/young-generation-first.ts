import { keepYoungGenerationSmall } from './young-generation';

/*
 * Imported first by the CLI (src/cli/main.ts; the Electron main process and the bench's session process have
 * their own, src/main/core/runtime/main-process-first.ts), so this runs before any other module is evaluated:
 * called after the imports, as it was, it came too late, for loading the modules had already grown the young
 * generation (16 MiB of committed semi-spaces in the bench's unlocked process, against 2 MiB when it runs first).
 */
keepYoungGenerationSmall();
