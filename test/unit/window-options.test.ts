import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../src/main/window/main-window-options';
import {
  permissionDecision,
  shouldAllowNavigation,
  windowOpenDecision,
} from '../../src/main/window/navigation-guards';

describe('the BrowserWindow is locked down (DESIGN.md section 7)', () => {
  it('uses the secure web preferences', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
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
    });
    expect(options.webPreferences?.devTools).toBe(false);
  });

  it('denies navigation elsewhere, window.open and every permission', () => {
    const app = 'file:///app/out/renderer/index.html';
    expect(shouldAllowNavigation(app, app)).toBe(true);
    expect(shouldAllowNavigation('https://example.com/', app)).toBe(false);
    expect(shouldAllowNavigation('file:///etc/passwd', app)).toBe(false);
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
});
