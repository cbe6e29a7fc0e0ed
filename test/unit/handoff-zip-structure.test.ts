import { describe, expect, it } from 'vitest';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { BUNDLE_ENTRIES } from '../../src/main/core/handoff/bundle-files';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import { SEAL_LENGTH } from '../../src/main/core/handoff/bundle-seal';
import { writeBundle } from '../../src/main/core/handoff/bundle-zip';
import type { HandoffDocument } from '../../src/shared/handoff-format';
import { encodings } from '../helpers/plaintext-scan';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
const AES_EXTRA_FIELD = 0x9901;

interface AesField {
  vendorVersion: number;
  vendorId: string;
  strength: number;
  actualMethod: number;
}

interface HeaderFacts {
  name: string;
  flags: number;
  method: number;
  crc: number;
  aes: AesField | undefined;
}

function extraFields(bytes: Buffer, start: number, length: number): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  for (let at = start; at + 4 <= start + length;) {
    const id = bytes.readUInt16LE(at);
    const size = bytes.readUInt16LE(at + 2);
    fields.set(id, bytes.subarray(at + 4, at + 4 + size));
    at += 4 + size;
  }
  return fields;
}

function aesField(fields: Map<number, Buffer>): AesField | undefined {
  const data = fields.get(AES_EXTRA_FIELD);
  if (!data) return undefined;
  return {
    vendorVersion: data.readUInt16LE(0),
    vendorId: data.subarray(2, 4).toString('latin1'),
    strength: data.readUInt8(4),
    actualMethod: data.readUInt16LE(5),
  };
}

/** Walk the archive the way a reader does: end record -> central directory -> each local header. */
function parseZip(zip: Uint8Array) {
  const bytes = Buffer.from(zip);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(bytes.readUInt32LE(eocd)).toBe(END_OF_CENTRAL_DIRECTORY);
  const entryCount = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const commentLength = bytes.readUInt16LE(eocd + 20);
  const comment = bytes.subarray(eocd + 22, eocd + 22 + commentLength).toString('latin1');
  const central: HeaderFacts[] = [];
  const local: (HeaderFacts & { descriptorCrc: number | undefined })[] = [];
  for (let i = 0; i < entryCount; i++) {
    expect(bytes.readUInt32LE(at)).toBe(CENTRAL_HEADER);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const compressedSize = bytes.readUInt32LE(at + 20);
    central.push({
      name: bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      aes: aesField(extraFields(bytes, at + 46 + nameLength, extraLength)),
    });
    expect(bytes.readUInt32LE(localOffset)).toBe(LOCAL_HEADER);
    const localNameLength = bytes.readUInt16LE(localOffset + 26);
    const localExtraLength = bytes.readUInt16LE(localOffset + 28);
    const flags = bytes.readUInt16LE(localOffset + 6);
    const dataEnd = localOffset + 30 + localNameLength + localExtraLength + compressedSize;
    // Bit 3: sizes and CRC follow the data in a descriptor; its CRC must be zero too under AE-2.
    const hasDescriptor = (flags & 0x08) !== 0;
    const descriptorAt = bytes.readUInt32LE(dataEnd) === DATA_DESCRIPTOR ? dataEnd + 4 : dataEnd;
    local.push({
      name: bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength).toString('utf8'),
      flags,
      method: bytes.readUInt16LE(localOffset + 8),
      crc: bytes.readUInt32LE(localOffset + 14),
      aes: aesField(extraFields(bytes, localOffset + 30 + localNameLength, localExtraLength)),
      descriptorCrc: hasDescriptor ? bytes.readUInt32LE(descriptorAt) : undefined,
    });
    at += 46 + nameLength + extraLength + commentLen;
  }
  return { central, local, comment };
}

function documentWith(values: string[]): HandoffDocument {
  return {
    format: 'tokenvault-handoff',
    version: 1,
    createdAt: '2026-11-23T10:00:00.000Z',
    from: 'Operator Olivia',
    recipient: 'Zephyr Digital Agency',
    fields: ['value', 'key-id', 'description', 'endpoints'],
    tokens: values.map((value, i) => ({
      name: `Quarterly donor sync ${i}`,
      account: 'Engaging Networks (main)',
      platform: 'engaging-networks',
      kind: 'private',
      role: 'standalone',
      value,
      keyId: `site-key-${i}-${value.slice(0, 6)}`,
      description: `Pushes supporters to the warehouse ${i}`,
      endpoints: [{ endpoint: '/contacts', method: 'GET' }],
      expiresAt: null,
    })),
  };
}

describe('bundle ZIP structure: WinZip AE-2, nothing readable without the password', () => {
  it('every entry is AES-256 (method 99, strength 3) in AE-2 form: no CRC in any header or descriptor', async () => {
    const values = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
    const zip = await writeBundle(documentWith(values), generateBundlePassword().password);
    const { central, local, comment } = parseZip(zip);
    for (const headers of [central, local]) {
      expect(headers.map((h) => h.name)).toEqual([...BUNDLE_ENTRIES]);
      for (const header of headers) {
        expect(header.flags & 0x01).toBe(1); // encrypted
        expect(header.method).toBe(99); // AES, the real method in the extra field
        expect(header.crc).toBe(0); // AE-2: a CRC of the plaintext would let anyone test guesses of the content
        expect(header.aes).toEqual({
          vendorVersion: 2,
          vendorId: 'AE',
          strength: 3,
          actualMethod: expect.any(Number),
        });
        expect([0, 8]).toContain(header.aes!.actualMethod);
      }
    }
    for (const header of local) if (header.descriptorCrc !== undefined) expect(header.descriptorCrc).toBe(0);
    expect(comment).toMatch(/^TVSEAL1:[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(comment.length).toBe(SEAL_LENGTH);
  });

  it('no value, key id, name, description, account or recipient appears in the file, in any encoding', async () => {
    const values = [generateTokenValue(), generateTokenValue()];
    const doc = documentWith(values);
    const zip = Buffer.from(await writeBundle(doc, generateBundlePassword('random').password));
    const needles = [
      ...values,
      ...doc.tokens.flatMap((t) => [t.keyId!, t.name, t.description!]),
      doc.recipient,
      doc.from,
      'Engaging Networks',
      'tokenvault-handoff',
    ];
    const found = needles.flatMap((needle, index) =>
      encodings(needle)
        .filter(({ bytes }) => zip.includes(bytes))
        .map(({ encoding }) => `needle ${index} (${encoding})`),
    );
    expect(found).toEqual([]);
    // What is readable is exactly what the design allows: the four neutral names (and the seal).
    for (const name of BUNDLE_ENTRIES) expect(zip.includes(Buffer.from(name))).toBe(true);
  });

  it('two bundles of the same tokens and password differ in every entry (fresh salt per entry)', async () => {
    const doc = documentWith([generateTokenValue()]);
    const { password } = generateBundlePassword();
    const [a, b] = [
      Buffer.from(await writeBundle(doc, password)),
      Buffer.from(await writeBundle(doc, password)),
    ];
    expect(a.length).toBe(b.length);
    expect(a.equals(b)).toBe(false);
    // The first 64 bytes after the first local header's name (salt, verifier, ciphertext) differ.
    const start = 30 + 'README.txt'.length + Buffer.from(a).readUInt16LE(28);
    expect(a.subarray(start, start + 64).equals(b.subarray(start, start + 64))).toBe(false);
  });
});
