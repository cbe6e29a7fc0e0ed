// First: it sets a V8 flag that must come before the other modules load (see the file).
import './core/runtime/main-process-first';
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, session as electronSession } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setSqliteNativeBinding } from './core/db/open-database';
import { createDispatcher } from './ipc/dispatcher';
import { registerIpc } from './ipc/register-ipc';
import { createElectronPlatform } from './app/electron-platform';
import { nativeAddonAbi } from './app/native-addon-abi';
import { buildAppMenu } from './menu';
import { SessionController } from './session/session-controller';
import { mainWindowOptions } from './window/main-window-options';
import { shouldReloadAfterLock } from './window/reload-after-lock';
import { permissionDecision, shouldAllowNavigation, windowOpenDecision } from './window/navigation-guards';

// The SQLite addon built for Electron's ABI (scripts/build-electron-sqlite.mjs); node_modules keeps the Node build.
const electronSqlite = join(__dirname, '../native/electron/better_sqlite3.node');
if (existsSync(electronSqlite) && nativeAddonAbi(electronSqlite) === Number(process.versions.modules)) {
  setSqliteNativeBinding(electronSqlite);
} else {
  console.error(
    `Token Vault: no SQLite addon for this Electron (ABI ${process.versions.modules}) in out/native/electron; run node scripts/build-electron-sqlite.mjs.`,
  );
}

// Tests (test/electron/launch.test.ts) point the app at a throwaway folder instead of the user's own settings.
if (process.env.TOKENVAULT_USER_DATA_DIR) app.setPath('userData', process.env.TOKENVAULT_USER_DATA_DIR);

const rendererIndex = join(__dirname, '../renderer/index.html');
const appUrl = pathToFileURL(rendererIndex).href;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
}

function start(): void {
  const session = new SessionController({
    userDataDir: app.getPath('userData'),
    platform: createElectronPlatform(() => mainWindow),
  });
  registerIpc(ipcMain, createDispatcher(session), () => ({
    webContentsId: mainWindow?.webContents.id ?? -1,
    appUrl,
  }));

  // No permission is ever granted: no camera, notifications, clipboard-read from the page, nothing.
  electronSession.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  electronSession.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    permissionDecision(permission),
  );

  powerMonitor.on('suspend', () => session.lock('system'));
  powerMonitor.on('lock-screen', () => session.lock('system'));
  session.onLocked((reason) => {
    // Checked before touching webContents: on 'quit' the window is already destroyed.
    if (!shouldReloadAfterLock(reason) || !mainWindow || mainWindow.isDestroyed()) return;
    if (!mainWindow.webContents.isDestroyed()) mainWindow.webContents.reload();
  });
  // Hold the exit until a copied secret is off the clipboard (its timer would never fire after exit).
  let shutDown = false;
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    // Bounded, so a clipboard that never answers cannot keep the app from exiting.
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 2000));
    void Promise.race([session.shutdown(), giveUp]).finally(() => app.quit());
  });

  Menu.setApplicationMenu(buildAppMenu({ lock: () => session.lock('menu'), window: () => mainWindow }));

  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    session.lock('quit');
    mainWindow = null;
  });
  void mainWindow.loadFile(rendererIndex);
}

// Guards on every web contents the app ever creates (today only the main window's), so none can be forgotten.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => windowOpenDecision());
  contents.on('will-navigate', (event, url) => {
    if (!shouldAllowNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!shouldAllowNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => app.quit());
