/**
 * Unpacks an .xlsx file ourselves, counting every byte while it is inflated, and hands the parser
 * (exceljs, through JSZip) a new zip of only what the importer needs, stored uncompressed. JSZip checks an
 * entry's real size only after inflating all of it, so a zip whose headers lie about its sizes would
 * otherwise inflate to gigabytes; and since the parser sees only bytes already counted here, no
 * difference between two zip readers can smuggle anything past the limits.
 *
 * Kept: the workbook, its relationships, shared strings, styles (for date formats) and the sheets the
 * importer reads. The other sheets (reports regenerated on every export) become empty sheets, so their
 * names remain but their contents are never unpacked. Pictures, comments and the rest are dropped.
 */
import { createInflateRaw, crc32 } from 'node:zlib';
import { IMPORT_LIMITS } from '../../../shared/domain/workbook';
import type { ZipEntry } from './zipSize';
import { zipDirectory } from './zipSize';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SUPPORT_PARTS = [WORKBOOK, WORKBOOK_RELS, 'xl/sharedStrings.xml', 'xl/styles.xml'];

const EMPTY_SHEET = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
);

/** Past the unpacking limit, rows are still counted (not kept) this far, so the message can say how many. */
const COUNTING_ALLOWANCE = 1024 * 1024 * 1024;

export type UnpackedWorkbook = { ok: true; zip: Buffer } | { ok: false; error: string };

const DAMAGED = 'this file could not be read as an Excel workbook (.xlsx): its zip structure is damaged';
const MB = 1024 * 1024;
const count = (value: number) => value.toLocaleString('en-GB');

class Refusal extends Error {}
/** Raised while unpacking a sheet; the message, with the sheet's full row count, is made afterwards. */
class TooManyRows extends Refusal {}

/** A zip entry name as exceljs reads it (it ignores a leading slash). */
const normalName = (name: string) => name.replace(/^\//, '');

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole;
  });
}

function attributes(tagBody: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tagBody.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    // Namespace prefixes vary between writers ("r:id", "ns1:id"): keep the local name.
    found.set(match[1]!.replace(/^[\w.-]+:/, ''), decodeXmlText(match[2] ?? match[3] ?? ''));
  }
  return found;
}

/** Each sheet's name and the zip entry holding it, found the way exceljs finds them. */
function sheetParts(workbookXml: string, relsXml: string): { name: string; part: string }[] {
  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const attrs = attributes(match[1]!);
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id && target) targets.set(id, `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
  }
  const sheets: { name: string; part: string }[] = [];
  for (const match of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const attrs = attributes(match[1]!);
    const part = targets.get(attrs.get('id') ?? '');
    if (part) sheets.push({ name: attrs.get('name') ?? '', part });
  }
  return sheets;
}

/** Feeds an entry's unpacked bytes to `take` chunk by chunk; `take` returns false to stop early. */
async function inflate(bytes: Uint8Array, entry: ZipEntry, take: (chunk: Buffer) => boolean): Promise<void> {
  if (entry.encrypted)
    throw new Refusal('this workbook is password-protected – save it without a password, then import that file');
  const packed = Buffer.from(bytes.buffer, bytes.byteOffset + entry.dataStart, entry.dataEnd - entry.dataStart);
  if (entry.method === 0) {
    take(packed);
    return;
  }
  if (entry.method !== 8) throw new Refusal(DAMAGED);
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  inflater.end(packed);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      if (!take(chunk)) return;
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(DAMAGED);
  } finally {
    inflater.destroy();
  }
}

/** Counts `<row` and `<c` start tags (any namespace prefix) in a sheet's XML as it streams past. */
class TagCounter {
  rows = 0;
  cells = 0;
  private tail = '';

  add(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    // A tag split between chunks is counted once: only matches ending in the new chunk count.
    for (const match of text.matchAll(/<(?:[A-Za-z_][\w.-]{0,20}:)?(row|c)[\s>/]/g)) {
      if (match.index + match[0].length <= this.tail.length) continue;
      if (match[1] === 'row') this.rows += 1;
      else this.cells += 1;
    }
    this.tail = text.slice(-32);
  }
}

function storedZip(parts: readonly { name: string; data: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/** The sheets to unpack, given the names of all the workbook's sheets in order. */
export type SheetChoice = readonly string[] | ((names: readonly string[]) => readonly string[]);

/**
 * Unpacks what the importer reads from an .xlsx file, within IMPORT_LIMITS, into a stored zip for the
 * parser. Never throws for a bad file: the reason comes back as `error`, in words for the person importing.
 */
export async function unpackWorkbook(bytes: Uint8Array, sheetsRead: SheetChoice): Promise<UnpackedWorkbook> {
  const entries = zipDirectory(bytes);
  if (entries === null) return { ok: false, error: DAMAGED };
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const name = normalName(entry.name);
    // Two entries of one name would leave it to chance which one a reader takes.
    if (byName.has(name)) return { ok: false, error: DAMAGED };
    byName.set(name, entry);
  }

  let unpacked = 0;
  let cells = 0;
  const tooLarge = () =>
    new Refusal(
      `this file unpacks to more than ${IMPORT_LIMITS.unzippedBytes / MB} MB, far more than any workbook exported from the app, so it was not read`,
    );
  /** The whole entry, counted against the limit; `watch` sees each chunk (to count rows) and may stop it. */
  const unpack = async (entry: ZipEntry, watch?: (chunk: Buffer) => void): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    await inflate(bytes, entry, (chunk) => {
      unpacked += chunk.length;
      if (unpacked > IMPORT_LIMITS.unzippedBytes) throw tooLarge();
      watch?.(chunk);
      chunks.push(chunk);
      return true;
    });
    return Buffer.concat(chunks);
  };

  try {
    const parts: { name: string; data: Buffer }[] = [];
    for (const name of SUPPORT_PARTS) {
      const entry = byName.get(name);
      if (entry) parts.push({ name, data: await unpack(entry) });
    }
    const textOf = (name: string) => parts.find((part) => part.name === name)?.data.toString('utf8') ?? '';

    const sheets = sheetParts(textOf(WORKBOOK), textOf(WORKBOOK_RELS));
    const wanted = typeof sheetsRead === 'function' ? sheetsRead(sheets.map((sheet) => sheet.name)) : sheetsRead;
    for (const sheet of sheets) {
      const entry = byName.get(sheet.part);
      if (!entry || parts.some((part) => part.name === sheet.part)) continue;
      if (!wanted.includes(sheet.name)) {
        parts.push({ name: sheet.part, data: EMPTY_SHEET });
        continue;
      }
      const counter = new TagCounter();
      const data = await unpack(entry, (chunk) => {
        counter.add(chunk);
        if (counter.rows > IMPORT_LIMITS.rowsPerSheet) throw new TooManyRows();
        if (cells + counter.cells > IMPORT_LIMITS.cells) {
          throw new Refusal(
            `the workbook has more than ${count(IMPORT_LIMITS.cells)} cells on the sheets an import reads; ` +
              'an import reads at most that many – export a fresh workbook from the app',
          );
        }
      }).catch(async (error: unknown) => {
        if (error instanceof TooManyRows) throw new Refusal(await rowsMessage(bytes, entry, sheet.name));
        throw error;
      });
      cells += counter.cells;
      parts.push({ name: sheet.part, data });
    }
    return { ok: true, zip: storedZip(parts) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

/** The sheet's rows counted to the end (nothing kept), within an allowance, for the refusal message. */
async function rowsMessage(bytes: Uint8Array, entry: ZipEntry, sheetName: string): Promise<string> {
  const counter = new TagCounter();
  let seen = 0;
  let complete = true as boolean; // set inside the inflate callback, which the compiler cannot follow
  await inflate(bytes, entry, (chunk) => {
    seen += chunk.length;
    counter.add(chunk);
    complete = seen <= COUNTING_ALLOWANCE;
    return complete;
  });
  const rows = complete ? count(counter.rows) : `more than ${count(counter.rows)}`;
  return (
    `the workbook has ${rows} rows on sheet "${sheetName}"; an import reads at most ${count(IMPORT_LIMITS.rowsPerSheet)} rows ` +
    'on a sheet – export a fresh workbook from the app, or remove the extra rows'
  );
}
