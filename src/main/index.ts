import { app, BrowserWindow, ipcMain, Menu, powerMonitor, session as electronSession } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setSqliteNativeBinding } from './core/db/open-database';
import { createDispatcher } from './ipc/dispatcher';
import { registerIpc } from './ipc/register-ipc';
import { createElectronPlatform } from './app/electron-platform';
import { buildAppMenu } from './menu';
import { SessionController } from './session/session-controller';
import { mainWindowOptions } from './window/main-window-options';
import { permissionDecision, shouldAllowNavigation, windowOpenDecision } from './window/navigation-guards';

// The SQLite addon built for Electron's ABI (scripts/build-electron-sqlite.mjs); node_modules keeps the Node build.
const electronSqlite = join(__dirname, '../native/electron/better_sqlite3.node');
if (existsSync(electronSqlite)) setSqliteNativeBinding(electronSqlite);

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
    appUrlPrefix: appUrl,
  }));

  // No permission is ever granted: no camera, notifications, clipboard-read from the page, nothing.
  electronSession.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  electronSession.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    permissionDecision(permission),
  );

  powerMonitor.on('suspend', () => session.lock());
  powerMonitor.on('lock-screen', () => session.lock());

  Menu.setApplicationMenu(buildAppMenu({ lock: () => session.lock(), window: () => mainWindow }));

  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  mainWindow.webContents.setWindowOpenHandler(() => windowOpenDecision());
  mainWindow.webContents.on('will-navigate', (event, url) => {
    if (!shouldAllowNavigation(url, appUrl)) event.preventDefault();
  });
  mainWindow.webContents.on('will-attach-webview', (event) => event.preventDefault());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    session.lock();
    mainWindow = null;
  });
  void mainWindow.loadFile(rendererIndex);
}

app.on('window-all-closed', () => app.quit());
