import { fitOldGenerationToVaults } from '../src/main/core/runtime/old-generation';
import { keepYoungGenerationSmall } from '../src/main/core/runtime/young-generation';

/*
 * Imported first by bench/vault-core.bench.ts. Its session process (`--session DIR`) stands for the Electron main
 * process holding an unlocked vault, so it sets what src/main/core/runtime/main-process-first.ts sets there, before
 * any other module loads. The process that builds the vaults (the bulk import figure) keeps V8's defaults, as it
 * always had.
 */
if (process.argv[2] === '--session') {
  keepYoungGenerationSmall();
  fitOldGenerationToVaults();
}
