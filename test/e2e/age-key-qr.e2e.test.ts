import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { ageFingerprint } from '../../src/main/core/age/age-keys';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, useRendererSuite } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();

describe('an age key read from the QR code the agency shows', { timeout: 120_000 }, () => {
  it('reads a screenshot of Receive tokens, a pasted image, and refuses images with no code or too many pixels', async () => {
    const { page, session, workDir } = await openApp(suite.browser, suite.url);
    await session.createVault({
      path: join(workDir, 'q.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'Quinn',
    });
    const vault = session.requireVault();
    vault.recipients.create({ name: 'Acme Agency' });
    await page.reload();

    // The agency's side (here the same vault, which can be both): its key as text and as a QR code, screenshotted
    // whole, as an admin on a video call would.
    await page.getByRole('button', { name: 'Receive tokens…' }).click();
    const receive = page.getByRole('dialog', { name: 'Receive tokens' });
    await receive.getByRole('button', { name: 'Create my age key' }).click();
    const shown = receive.getByTestId('vault-public-key');
    await shown.waitFor();
    const agencyKey = ((await shown.textContent()) ?? '').trim();
    const qr = receive.getByRole('img', { name: /QR code of this vault's age public key/ });
    await expect
      .poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    const wholeScreen = join(workDir, 'screen-with-qr.png');
    await page.screenshot({ path: wholeScreen });
    const codeOnly = await qr.screenshot();
    await receive.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Recipients' }).click();
    const people = page.getByRole('dialog', { name: 'Recipients: who holds what' });
    await people.getByRole('button', { name: /Acme Agency/ }).click();
    await people.getByRole('button', { name: 'Add age key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add the age key of Acme Agency' });
    const field = dialog.getByLabel('Age public key');
    const chooser = dialog.getByLabel("Image with the agency's QR code");

    // An image with no code in it: one sentence, the field left as it was.
    const noCode = join(workDir, 'no-code.png');
    await page.screenshot({ path: noCode, clip: { x: 0, y: 0, width: 300, height: 80 } });
    await chooser.setInputFiles(noCode);
    await dialog.getByText(/^No QR code could be read in this image/).waitFor();
    expect(await field.inputValue()).toBe('');

    // An image declaring 64 million pixels is refused before it is drawn.
    const huge = join(workDir, 'huge.png');
    await QRCode.toFile(huge, agencyKey, { width: 8000, margin: 1 });
    await chooser.setInputFiles(huge);
    await dialog.getByText(/^This image has more than 50 million pixels/).waitFor();
    expect(await field.inputValue()).toBe('');

    // Not an image at all.
    await chooser.setInputFiles({
      name: 'not-an-image.png',
      mimeType: 'image/png',
      buffer: Buffer.from('hello'),
    });
    await dialog.getByText(/^This file is not an image the app can read/).waitFor();

    // The whole-screen screenshot: the code is found among everything else on it.
    await chooser.setInputFiles(wholeScreen);
    await expect.poll(() => field.inputValue()).toBe(agencyKey);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, 'age key read from a QR code');
    await screenshot(page, 'age-05-key-from-qr');

    // A pasted image (Ctrl+V of a screenshot) fills the field the same way.
    await field.fill('');
    await field.focus();
    await field.evaluate((textarea, bytes) => {
      const w = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        ClipboardEvent: new (type: string, init: unknown) => unknown;
      };
      const data = new w.DataTransfer();
      data.items.add(new w.File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
      (textarea as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(
        new w.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, Array.from(codeOnly));
    await expect.poll(() => field.inputValue()).toBe(agencyKey);

    // Saved through core like a typed key: the fingerprint to confirm by phone.
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await people
      .getByRole('status')
      .getByText(
        `Fingerprint ${ageFingerprint(agencyKey)}: Confirm it with the agency by phone before first use.`,
      )
      .waitFor();
    expect(vault.recipientKeys.current(vault.recipients.resolve('Acme Agency').id)?.publicKey).toBe(
      agencyKey,
    );
  });
});
