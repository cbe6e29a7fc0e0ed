import { describe, expect, it } from 'vitest';
import { concealmentPayloads, rawClipboardFormat } from '../../src/main/app/clipboard-concealment';

/** The Electron clipboard itself cannot run here (no Electron binary); these are the exact bytes main writes. */
describe('clipboard concealment formats written beside a copied secret', () => {
  const decode = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

  it('Linux: KDE Klipper’s password-manager hint, with the payload "secret"', () => {
    const payloads = concealmentPayloads('linux');
    expect(Object.keys(payloads)).toEqual([rawClipboardFormat('x-kde-passwordManagerHint')]);
    expect(decode(payloads[rawClipboardFormat('x-kde-passwordManagerHint')])).toBe('secret');
  });

  it('macOS: the nspasteboard.org concealed type', () => {
    const payloads = concealmentPayloads('darwin');
    expect(Object.keys(payloads)).toEqual([rawClipboardFormat('org.nspasteboard.ConcealedType')]);
  });

  it('Windows: excluded from clipboard monitors, from Win+V history and from cloud sync (DWORD 0)', () => {
    const payloads = concealmentPayloads('win32');
    expect(Object.keys(payloads).sort()).toEqual(
      [
        rawClipboardFormat('CanIncludeInClipboardHistory'),
        rawClipboardFormat('CanUploadToCloudClipboard'),
        rawClipboardFormat('ExcludeClipboardContentFromMonitorProcessing'),
      ].sort(),
    );
    expect([...payloads[rawClipboardFormat('CanIncludeInClipboardHistory')]!]).toEqual([0, 0, 0, 0]);
    expect([...payloads[rawClipboardFormat('CanUploadToCloudClipboard')]!]).toEqual([0, 0, 0, 0]);
  });

  it('uses Electron’s raw-format key syntax, and adds nothing on other systems', () => {
    expect(rawClipboardFormat('X')).toBe('electron application/osclipboard;format="X"');
    expect(concealmentPayloads('freebsd')).toEqual({});
  });
});
