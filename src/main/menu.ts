import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Lock runs in main (which then reloads the page, see reload-after-lock.ts). New token, Search and
 * Import replay their shortcut into the page, which handles the keys itself: the bridge has no event channel from
 * main to the renderer, and this keeps it that way. Their accelerators are shown but not registered, so a key press
 * reaches the page once, not twice; Lock's is registered so it works even when the page does not handle it.
 */
export function buildAppMenu(options: { lock: () => void; window: () => BrowserWindow | null }): Menu {
  const press = (key: string) => () => {
    const contents = options.window()?.webContents;
    if (!contents) return;
    const modifier = process.platform === 'darwin' ? 'meta' : 'control';
    contents.sendInputEvent({ type: 'keyDown', keyCode: key, modifiers: [modifier] });
    contents.sendInputEvent({ type: 'keyUp', keyCode: key, modifiers: [modifier] });
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', registerAccelerator: false, click: press('I') },
      ],
    },
    {
      label: 'Vault',
      submenu: [
        { label: 'New token', accelerator: 'CmdOrCtrl+N', registerAccelerator: false, click: press('N') },
        { label: 'Search', accelerator: 'CmdOrCtrl+F', registerAccelerator: false, click: press('F') },
        { type: 'separator' },
        { label: 'Lock', accelerator: 'CmdOrCtrl+L', click: options.lock },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
