import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../src/main/window/main-window-options';
import {
  permissionDecision,
  shouldAllowNavigation,
  windowOpenDecision,
} from '../../src/main/window/navigation-guards';
import { shouldReloadAfterLock } from '../../src/main/window/reload-after-lock';

describe('the BrowserWindow is locked down (docs/security.md)', () => {
  it('uses the secure web preferences, and nothing else in them', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    // toEqual, not toMatchObject: a preference added later (say nodeIntegration) must fail this test.
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
    // The window appears only once the page has painted (no flash of an empty frame).
    expect(options.show).toBe(false);
    expect(options.title).toBe('Token Vault');
  });

  it('allows DevTools only in development', () => {
    const previous = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'development';
      expect(mainWindowOptions('/p').webPreferences?.devTools).toBe(true);
      process.env.NODE_ENV = 'production';
      expect(mainWindowOptions('/p').webPreferences?.devTools).toBe(false);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('denies navigation elsewhere, window.open and every permission', () => {
    const app = 'file:///app/out/renderer/index.html';
    expect(shouldAllowNavigation(app, app)).toBe(true);
    expect(shouldAllowNavigation('https://example.com/', app)).toBe(false);
    expect(shouldAllowNavigation('file:///etc/passwd', app)).toBe(false);
    expect(shouldAllowNavigation(`${app}.html`, app)).toBe(false);
    expect(shouldAllowNavigation('javascript:alert(1)', app)).toBe(false);
    expect(shouldAllowNavigation('', app)).toBe(false);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(permissionDecision(permission)).toBe(false);
    }
  });

  it('reloads the page after a lock from outside it, never while the page awaits an answer', () => {
    expect(shouldReloadAfterLock('menu')).toBe(true);
    expect(shouldReloadAfterLock('idle')).toBe(true);
    expect(shouldReloadAfterLock('system')).toBe(true);
    // The page asked (it refreshes itself); a vault switch (the page waits for, say, the recovery key); closing.
    expect(shouldReloadAfterLock('page')).toBe(false);
    expect(shouldReloadAfterLock('switch')).toBe(false);
    expect(shouldReloadAfterLock('quit')).toBe(false);
  });
});
