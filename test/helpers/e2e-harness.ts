import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from './memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { REPO_ROOT } from './run-cli';
import { makeTempDir } from './temp-dir';
import { installBridge, RENDERER_DIR } from './chromium-renderer';

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

function rendererIsFresh(): boolean {
  const index = join(RENDERER_DIR, 'index.html');
  return (
    existsSync(index) &&
    statSync(index).mtimeMs >=
      Math.max(newestUnder(join(REPO_ROOT, 'src/renderer')), newestUnder(join(REPO_ROOT, 'src/shared')))
  );
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * `npm test` builds first; a lone e2e file rebuilds the renderer when its sources are newer. Test files run in
 * parallel workers, so one builds while the others wait on a lock folder (two builds at once would interleave
 * their writes to out/).
 */
export function ensureRendererBuilt(): void {
  if (rendererIsFresh()) return;
  const lock = join(REPO_ROOT, 'out/.renderer-build-lock');
  mkdirSync(join(REPO_ROOT, 'out'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after three minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000)
        rmSync(lock, { recursive: true });
      if (Date.now() > deadline)
        throw new Error('Another test worker has been building the renderer for 3 min.');
      sleepMs(250);
    }
  }
  try {
    if (rendererIsFresh()) return;
    const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('Building the renderer failed.');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface AppUnderTest {
  page: Page;
  platform: MemoryPlatform;
  session: SessionController;
  /** The same dispatcher the page calls, for seeding a vault from the test without going through the UI. */
  dispatch: Dispatch;
  /** The methods the page called, in order (names only, never inputs or results). */
  pageCalls: string[];
  workDir: string;
}

/** Call the dispatcher from the test process; a failed call fails the test with main's sentence. */
export async function mainCall<M extends MethodName>(
  dispatch: Dispatch,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/**
 * A page whose `window.tokenVault` reaches the real IPC dispatcher and session, running here on a real vault in a
 * temp folder: the same handlers the Electron main process registers, without Electron.
 */
export async function openApp(
  browser: Browser,
  url: string,
  options: {
    installClock?: boolean;
    /** Main's clock (unlock back-off), so a test can step past a wait instead of sleeping through it. */
    mainNow?: () => number;
    /** Runs before the page first loads, e.g. to create a vault with tokens through `dispatch`. */
    seed?: (app: Omit<AppUnderTest, 'page'>) => Promise<void>;
  } = {},
): Promise<AppUnderTest> {
  const workDir = makeTempDir('tokenvault-e2e-');
  const platform = new MemoryPlatform();
  platform.folderAnswer = join(workDir, 'agency-work.tokenvault');
  const session = new SessionController({
    userDataDir: join(workDir, 'user-data'),
    platform,
    ...(options.mainNow ? { now: options.mainNow } : {}),
  });
  const dispatch = createDispatcher(session);
  const pageCalls: string[] = [];
  await options.seed?.({ platform, session, dispatch, pageCalls, workDir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (options.installClock) await page.clock.install();
  await installBridge(page, (method, input) => {
    pageCalls.push(method);
    return dispatch(method, input);
  });
  await page.goto(url);
  return { page, platform, session, dispatch, pageCalls, workDir };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
