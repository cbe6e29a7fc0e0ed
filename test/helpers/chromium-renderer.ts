import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BRIDGE_METHODS } from '../../src/shared/method-names';

/** Shared by the end-to-end tests and the renderer benchmark (no test-runner imports here). */
export const RENDERER_DIR = resolve(__dirname, '../../out/renderer');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves the built renderer on loopback: module scripts do not load from file:// in a plain browser. */
export async function serveRenderer(
  rendererDir = RENDERER_DIR,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(rendererDir) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Installs `window.tokenVault` before the page's own scripts run, as preload does in the app: one proxy per method
 * of the contract, all through one exposed binding to `dispatch` in this process (the real IPC dispatcher).
 * Results cross as one JSON string parsed in the page: Playwright's own serialisation of a returned object graph
 * takes seconds for 10,000 tokens' metadata, one string takes milliseconds. (Every result is plain JSON data.)
 */
export async function installBridge(
  page: Page,
  dispatch: (method: string, input: unknown) => Promise<unknown>,
): Promise<void> {
  await page.exposeBinding('__tokenVaultInvoke', async (_source, method: string, input: unknown) =>
    JSON.stringify(await dispatch(method, input)),
  );
  await page.addInitScript((methods: readonly string[]) => {
    // Runs in the page; `globalThis` is its window.
    const scope = globalThis as unknown as { __tokenVaultInvoke: (m: string, i: unknown) => Promise<string> };
    const invoke = scope.__tokenVaultInvoke;
    const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const method of methods) {
      bridge[method] = async (input?: unknown) => JSON.parse(await invoke(method, input ?? {})) as unknown;
    }
    Object.defineProperty(globalThis, 'tokenVault', { value: Object.freeze(bridge), writable: false });
  }, BRIDGE_METHODS);
}
