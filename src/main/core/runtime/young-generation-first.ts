import { keepYoungGenerationSmall } from './young-generation';

/*
 * Imported first by every entry point that holds an unlocked vault (src/cli/main.ts, src/main/index.ts,
 * bench/vault-core.bench.ts), so this runs before any other module is evaluated: called after the imports, as it
 * was, it came too late, for loading the modules had already grown the young generation (16 MiB of committed
 * semi-spaces in the bench's unlocked process, against 2 MiB when it runs first).
 */
keepYoungGenerationSmall();
