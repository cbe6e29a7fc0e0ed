// Bundles the `tokenvault` CLI into one CommonJS file; npm packages stay external (native addons).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const outfile = 'out/cli/tokenvault.cjs';
await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: false,
  outfile,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
