/** The 32 characters of bech32 (BIP 173), by the 5-bit value each stands for. */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= GENERATORS[i]!;
  }
  return checksum;
}

/**
 * Whether a lower-case `age1` + 58-character key (src/main/core/age/age-keys.ts checks that shape first) decodes
 * as age-encryption's X25519Recipient decodes it: the bech32 checksum (BIP 173, constant 1) holds, and the 52
 * data characters carry exactly 32 bytes (the last one's 4 spare bits are zero). Written here rather than asked
 * of age-encryption, whose loading costs every process about 7 MiB: docs/decisions/0008-bech32-checksum-by-hand.md.
 * test/unit/x25519-recipient-checksum.test.ts checks it against age-encryption on random keys and mistypes.
 */
export function isX25519RecipientChecksumValid(recipient: string): boolean {
  const separator = recipient.lastIndexOf('1');
  const prefix = recipient.slice(0, separator);
  const data = [...recipient.slice(separator + 1)].map((char) => CHARSET.indexOf(char));
  if (prefix !== 'age' || data.length !== 58 || data.includes(-1)) return false;
  const expanded = [...prefix].map((char) => char.charCodeAt(0) >> 5);
  expanded.push(0, ...[...prefix].map((char) => char.charCodeAt(0) & 31));
  return polymod([...expanded, ...data]) === 1 && (data[51]! & 0x0f) === 0;
}
