import { afterAll, beforeAll, expect } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchChromium, serveRenderer } from './e2e-harness';

/** The renderer served on localhost and one Chromium, shared by the tests of one file. */
export interface RendererSuite {
  browser: Browser;
  url: string;
}

/**
 * Registers the file's beforeAll/afterAll: build the renderer if stale, serve it, start Chromium; close both after.
 * The returned object is filled in by beforeAll, so read its fields inside tests, not at module level.
 */
export function useRendererSuite(): RendererSuite {
  const suite = {} as RendererSuite;
  let closeServer: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ensureRendererBuilt();
    const server = await serveRenderer();
    closeServer = server.close;
    suite.url = server.url;
    suite.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await closeServer?.();
  });
  return suite;
}

/** Waits as long as a busy two-core machine may need (Argon2id, thousands of rows); passes as soon as it holds. */
export function poll<T>(read: () => T | Promise<T>): ReturnType<typeof expect.poll<T>> {
  return expect.poll(read, { timeout: 15_000 });
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page: page as never }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.nodes.length})`)).toEqual([]);
}
