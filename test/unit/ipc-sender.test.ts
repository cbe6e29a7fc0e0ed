import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { METHOD_NAMES, channelFor, type Result } from '../../src/shared/api';
import { isTrustedSender } from '../../src/main/ipc/trusted-sender';
import { registerIpc, type IpcMainLike } from '../../src/main/ipc/register-ipc';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { MemoryPlatform } from '../helpers/memory-platform';
import { SessionController } from '../../src/main/session/session-controller';
import { makeTempDir } from '../helpers/temp-dir';

const APP = {
  webContentsId: 7,
  appUrl: 'file:///opt/token-vault/resources/app.asar/out/renderer/index.html',
};

describe('IPC sender check', () => {
  it('trusts only the top frame of our window on our page', () => {
    expect(isTrustedSender({ frameUrl: APP.appUrl, isTopFrame: true, webContentsId: 7 }, APP)).toBe(true);
    expect(
      isTrustedSender({ frameUrl: `${APP.appUrl}#/tokens`, isTopFrame: true, webContentsId: 7 }, APP),
    ).toBe(true);
    expect(isTrustedSender({ frameUrl: APP.appUrl, isTopFrame: false, webContentsId: 7 }, APP)).toBe(false);
    expect(isTrustedSender({ frameUrl: APP.appUrl, isTopFrame: true, webContentsId: 8 }, APP)).toBe(false);
    expect(
      isTrustedSender(
        { frameUrl: 'https://evil.example/index.html', isTopFrame: true, webContentsId: 7 },
        APP,
      ),
    ).toBe(false);
    expect(
      isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isTopFrame: true, webContentsId: 7 }, APP),
    ).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isTopFrame: true, webContentsId: 7 }, APP)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'not a url', isTopFrame: true, webContentsId: 7 }, APP)).toBe(false);
    // Our exact page only: not a sibling file, a longer name, a folder above, a query, or another scheme.
    for (const frameUrl of [
      `${APP.appUrl}.evil.html`,
      `${APP.appUrl}x`,
      'file:///opt/token-vault/resources/app.asar/out/renderer/other.html',
      'file:///opt/token-vault/resources/app.asar/out/renderer/',
      `${APP.appUrl}?next=https://evil.example`,
      APP.appUrl.replace('file://', 'http://localhost'),
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'data:text/html,<script>1</script>',
    ]) {
      expect({
        frameUrl,
        trusted: isTrustedSender({ frameUrl, isTopFrame: true, webContentsId: 7 }, APP),
      }).toEqual({
        frameUrl,
        trusted: false,
      });
    }
  });

  it('registers one channel per method and refuses a call from another frame before the dispatcher runs', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<Result<unknown>>>();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => handlers.set(channel, listener as never) };
    const session = new SessionController({
      userDataDir: join(makeTempDir(), 'ud'),
      platform: new MemoryPlatform(),
    });
    let dispatched = 0;
    const dispatch = createDispatcher(session);
    registerIpc(
      ipcMain,
      (method, input) => (dispatched++, dispatch(method, input)),
      () => APP,
    );
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelFor).sort());

    const fromFrame = (url: string, parent: unknown, id = 7) => ({
      senderFrame: { url, parent },
      sender: { id },
    });
    const listener = handlers.get(channelFor('getSession'))!;
    const iframe = await listener(fromFrame(APP.appUrl, { url: APP.appUrl }), {});
    expect(iframe).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const foreign = await listener(fromFrame('https://evil.example/', null), {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherWindow = await listener(fromFrame(APP.appUrl, null, 8), {});
    expect(otherWindow).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A frame that navigated away or was destroyed before the message arrived has no senderFrame.
    const gone = await listener({ senderFrame: null, sender: { id: 7 } }, {});
    expect(gone).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Every channel checks, not just one.
    for (const method of METHOD_NAMES) {
      const refused = await handlers.get(channelFor(method))!(fromFrame('https://evil.example/', null), {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(dispatched).toBe(0);
    const ours = await listener(fromFrame(APP.appUrl, null), {});
    expect(ours.ok).toBe(true);
    expect(dispatched).toBe(1);
  });
});
