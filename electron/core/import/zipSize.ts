const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
const ENCRYPTED_FLAG = 0x1;

/** One file inside a zip as its central directory lists it. Sizes are only claims until unpacked. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused by the reader. */
  method: number;
  encrypted: boolean;
  declaredSize: number;
  /** Where the entry's packed bytes are in the file: checked to lie inside it. */
  dataStart: number;
  dataEnd: number;
}

/**
 * The entries a zip's central directory lists, without unpacking anything, or null when the directory
 * cannot be read (or is zip64, which no workbook of a plan needs) or points outside the file.
 */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes.
  const earliest = Math.max(0, bytes.byteLength - 22 - 0xffff);
  let end = -1;
  for (let offset = bytes.byteLength - 22; offset >= earliest; offset -= 1) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) return null;
    const packedSize = view.getUint32(offset + 20, true);
    const declaredSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const local = view.getUint32(offset + 42, true);
    if (packedSize === ZIP64_MARKER || declaredSize === ZIP64_MARKER || local === ZIP64_MARKER) return null;
    if (offset + 46 + nameLength > bytes.byteLength) return null;
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL_HEADER) return null;
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const dataEnd = dataStart + packedSize;
    if (dataEnd > bytes.byteLength) return null;
    entries.push({
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      encrypted: (view.getUint16(offset + 8, true) & ENCRYPTED_FLAG) !== 0,
      declaredSize,
      dataStart,
      dataEnd,
    });
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return entries;
}

/**
 * The total unpacked size a zip declares, or null when its directory cannot be read. An honest file too
 * large to import is refused by this before anything is unpacked; a lying one is stopped while unpacking.
 */
export function declaredUnzippedSize(bytes: Uint8Array): number | null {
  const entries = zipDirectory(bytes);
  return entries === null ? null : entries.reduce((total, entry) => total + entry.declaredSize, 0);
}
