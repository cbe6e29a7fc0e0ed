import { it } from 'vitest';

/** Set by .ci/run: there, a test that cannot run is a failure, never a skip counted as green. */
export const REQUIRE_ALL_TESTS_ENV = 'TOKENVAULT_REQUIRE_ALL_TESTS';

/**
 * Whether to skip tests that need something this machine may lack (a Secret Service, root for a
 * tmpfs). On a developer machine they skip with a warning; with TOKENVAULT_REQUIRE_ALL_TESTS=1 a failing test
 * takes their place, naming what is missing.
 */
export function skipUnless(available: boolean, missing: string): boolean {
  if (available) return false;
  if (process.env[REQUIRE_ALL_TESTS_ENV] === '1') {
    it(`has what it needs (${REQUIRE_ALL_TESTS_ENV}=1)`, () => {
      throw new Error(`Cannot run here: ${missing}.`);
    });
  } else {
    console.warn(`SKIPPED: ${missing}.`);
  }
  return true;
}
