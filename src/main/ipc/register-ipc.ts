import type { IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, channelFor, type Result } from '../../shared/api';
import type { Dispatch } from './dispatcher';
import { isTrustedSender } from './trusted-sender';

/** The slice of ipcMain used here, so registration can be tested with a stand-in. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>,
  ): void;
}

/** One channel per contract method; each call's sender is checked before the dispatcher sees it. */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  expected: () => { webContentsId: number; appUrl: string },
): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelFor(method), async (event, input) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(
        {
          frameUrl: frame?.url,
          isTopFrame: frame ? frame.parent === null : false,
          webContentsId: event.sender.id,
        },
        expected(),
      );
      if (!trusted)
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'This request did not come from Token Vault’s window.' },
        };
      return dispatch(method, input);
    });
  }
}
