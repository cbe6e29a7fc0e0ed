import type * as ZipJs from '@zip.js/zip.js';

let loading: Promise<typeof ZipJs> | undefined;

/**
 * zip.js, loaded on the first bundle written or opened: it is about 4 MiB of a process's memory, which a process
 * that only unlocks, lists and searches (bench/vault-core.bench.ts) never needs.
 *
 * In Node there are no web workers to hand compression to; everything runs inline. zip.js would also fetch a
 * WebAssembly module to speed up AES: through fetch (undici, itself WebAssembly), which kills the process when
 * memory is limited (ulimit -v, prlimit --as). Declining the module keeps zip.js on its JavaScript AES, with
 * native zlib for inflation; test/reliability/hostile-bundles.test.ts opens bundles under such a limit.
 */
export function zipLibrary(): Promise<typeof ZipJs> {
  loading ??= import('@zip.js/zip.js').then((zip) => {
    zip.configure({
      useWebWorkers: false,
      wasmURI: () => {
        throw new Error('No WebAssembly module: zip.js uses its JavaScript AES.');
      },
    });
    return zip;
  });
  return loading;
}
