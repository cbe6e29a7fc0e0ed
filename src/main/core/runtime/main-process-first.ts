import { keepOldGenerationSmall, keepYoungGenerationSmall } from './young-generation';

/*
 * Imported first by the Electron main process (src/main/index.ts), so the young generation's flag is set before
 * any other module is evaluated (src/main/core/runtime/young-generation-first.ts says why), with the old
 * generation's, for a process that keeps a vault unlocked all session.
 */
keepYoungGenerationSmall();
keepOldGenerationSmall();
