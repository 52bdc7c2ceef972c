import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

/** Deflates `size` zero bytes without ever holding them: a few MB of output for gigabytes of input. */
async function deflatedZeros(size: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const block = Buffer.alloc(4 * 1024 * 1024);
  for (let written = 0; written < size; written += block.length) {
    if (!deflater.write(block.subarray(0, Math.min(block.length, size - written)))) await once(deflater, 'drain');
  }
  deflater.end();
  await once(deflater, 'end');
  return Buffer.concat(chunks);
}

/**
 * A real workbook with entry `target` replaced by `inflatedSize` bytes that deflate to almost nothing,
 * both its local header and its central-directory entry claiming it unpacks to 1,000 bytes: a zip bomb
 * whose headers lie, as a declared-size check cannot catch.
 */
export async function lyingZipBomb(workbook: Buffer, target: string, inflatedSize: number): Promise<Buffer> {
  return withEntry(workbook, target, { packed: await deflatedZeros(inflatedSize), claimed: 1000, crc: 0 });
}

/** A real workbook with entry `target` replaced by `content`, honestly sized. */
export async function withHonestEntry(workbook: Buffer, target: string, content: Buffer): Promise<Buffer> {
  return withEntry(workbook, target, { packed: deflateRawSync(content), claimed: content.length, crc: crc32(content) });
}

/** The XML of a sheet with a header and `rows` rows, each holding a short text in column C. */
export function sheetXmlOfRows(rows: number): Buffer {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let row = 1; row <= rows + 1; row += 1)
    parts.push(`<row r="${row}"><c r="C${row}" t="inlineStr"><is><t>A${row}</t></is></c></row>`);
  parts.push('</sheetData></worksheet>');
  return Buffer.from(parts.join(''));
}

async function withEntry(
  workbook: Buffer,
  target: string,
  replacement: { packed: Buffer; claimed: number; crc: number },
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbook);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  if (!names.includes(target)) throw new Error(`the workbook has no ${target}`);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const content = name === target ? null : await zip.files[name]!.async('nodebuffer');
    const { packed, claimed, crc } = content
      ? { packed: deflateRawSync(content), claimed: content.length, crc: crc32(content) }
      : replacement;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(claimed, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(claimed, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}
