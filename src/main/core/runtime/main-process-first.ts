import { fitOldGenerationToVaults } from './old-generation';
import { keepYoungGenerationSmall } from './young-generation';

/*
 * Imported first by the Electron main process (src/main/index.ts), so the young generation's flag is set before
 * any other module is evaluated (src/main/core/runtime/young-generation-first.ts says why), and the old
 * generation follows the size of the vault it keeps unlocked (src/main/core/runtime/old-generation.ts).
 */
keepYoungGenerationSmall();
fitOldGenerationToVaults();
