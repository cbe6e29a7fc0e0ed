import jsQR from 'jsqr';

/** An image file larger than this is refused before it is decoded (a photo of a screen is a few MB). */
export const QR_IMAGE_MAX_BYTES = 20 * 1024 * 1024;
/** Pixels an image may declare (its header is read first); more is refused before it is drawn. */
export const QR_IMAGE_MAX_PIXELS = 50_000_000;
/** The longest side the image is scaled down to before the QR decoder reads it: bounds memory and time. */
const DECODE_MAX_SIDE = 1600;

export class QrImageError extends Error {}

function loadImage(blob: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(blob);
  return new Promise<HTMLImageElement>((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () =>
      reject(new QrImageError('This file is not an image the app can read (PNG, JPEG, GIF, WebP or BMP).'));
    image.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/**
 * The text of the QR code in an image (a screenshot or a photo of the code the agency shows), read in this window
 * with jsQR; nothing is sent anywhere. Bounded: file size, declared pixels, and the image is scaled to at most
 * DECODE_MAX_SIDE pixels a side before decoding. Throws a QrImageError with one sentence.
 */
export async function readQrImage(blob: Blob): Promise<string> {
  if (blob.size > QR_IMAGE_MAX_BYTES)
    throw new QrImageError('This image is larger than 20 MB: take a screenshot of just the code.');
  const image = await loadImage(blob);
  const { naturalWidth: width, naturalHeight: height } = image;
  if (width === 0 || height === 0)
    throw new QrImageError('This file is not an image the app can read (PNG, JPEG, GIF, WebP or BMP).');
  if (width * height > QR_IMAGE_MAX_PIXELS)
    throw new QrImageError('This image has more than 50 million pixels: take a screenshot of just the code.');
  const scale = Math.min(1, DECODE_MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context)
    throw new QrImageError('This window cannot read images right now; paste the key as text instead.');
  // A white ground, so a transparent PNG's dark modules stand out as they do on screen.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
  if (!code || code.data.trim() === '')
    throw new QrImageError(
      'No QR code could be read in this image: take a sharper, straight-on picture of the whole code, or paste the key as text.',
    );
  return code.data.trim();
}

/** The first image among a paste's or a drop's files, if any. */
export function imageIn(files: FileList | null | undefined): File | null {
  for (const file of Array.from(files ?? [])) if (file.type.startsWith('image/')) return file;
  return null;
}
