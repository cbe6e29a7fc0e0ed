import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedBox {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a fresh 96-bit nonce; the AAD binds the box to where it is stored. */
export function sealAesGcm(key: Buffer, plaintext: Buffer, aad: Buffer): SealedBox {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** Returns null when the key is wrong or the box was altered (GCM authentication failed). */
export function openAesGcm(key: Buffer, box: SealedBox, aad: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}
