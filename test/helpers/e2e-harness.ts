import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BRIDGE_METHODS } from '../../src/shared/method-names';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from '../../src/main/session/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { REPO_ROOT } from './run-cli';
import { makeTempDir } from './temp-dir';
import { RENDERER_DIR } from './chromium-renderer';

export { launchChromium, serveRenderer } from './chromium-renderer';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a lone e2e file rebuilds the renderer when its sources are newer. */
export function ensureRendererBuilt(): void {
  const index = join(RENDERER_DIR, 'index.html');
  if (
    existsSync(index) &&
    statSync(index).mtimeMs >=
      Math.max(newestUnder(join(REPO_ROOT, 'src/renderer')), newestUnder(join(REPO_ROOT, 'src/shared')))
  ) {
    return;
  }
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the renderer failed.');
}

export interface AppUnderTest {
  page: Page;
  platform: MemoryPlatform;
  session: SessionController;
  workDir: string;
}

/**
 * A page whose `window.tokenVault` reaches the real IPC dispatcher and session, running here on a real vault in a
 * temp folder: the same handlers the Electron main process registers, without Electron.
 */
export async function openApp(
  browser: Browser,
  url: string,
  options: { installClock?: boolean } = {},
): Promise<AppUnderTest> {
  const workDir = makeTempDir('tokenvault-e2e-');
  const platform = new MemoryPlatform();
  platform.folderAnswer = join(workDir, 'agency-work.tokenvault');
  const session = new SessionController({ userDataDir: join(workDir, 'user-data'), platform });
  const dispatch = createDispatcher(session);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (options.installClock) await page.clock.install();
  await page.exposeBinding('__tokenVaultInvoke', (_source, method: string, input: unknown) =>
    dispatch(method, input),
  );
  await page.addInitScript((methods: readonly string[]) => {
    // Runs in the page; `globalThis` is its window.
    const page = globalThis as unknown as { __tokenVaultInvoke: (m: string, i: unknown) => Promise<unknown> };
    const invoke = page.__tokenVaultInvoke;
    const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const method of methods) bridge[method] = (input?: unknown) => invoke(method, input ?? {});
    Object.defineProperty(globalThis, 'tokenVault', { value: Object.freeze(bridge), writable: false });
  }, BRIDGE_METHODS);
  await page.goto(url);
  return { page, platform, session, workDir };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
