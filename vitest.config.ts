import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file gets its own vault folders; Argon2id at 64 MiB x 4 lanes is heavy, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    env: {
      // Tests create many vaults: calibrate to the Argon2id floor (Bitwarden's defaults) rather than 0.5 s.
      TOKENVAULT_KDF_TARGET_MS: '0',
    },
  },
});
