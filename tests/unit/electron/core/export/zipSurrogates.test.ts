/**
 * Characters outside the Basic Multilingual Plane (emoji, mathematical letters, rare CJK) are two UTF-16 code
 * units in JavaScript. JSZip encodes a string given to it 16 KB at a time, and a pair cut at that boundary
 * was written as two replacement characters: a workbook's shared strings (exceljs hands JSZip the XML as a
 * string) and a letterhead paper's document lost such a character wherever it fell there. The fuzz test of
 * the Excel round trip found it. patches/jszip+3.10.2.patch carries a cut pair over to the next chunk.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { hasPythonModule, PYTHON } from '../../../../support/otherPrograms';
import { makeTempDir, removeDir } from '../../../../support/fixtures';

/** U+1D5A4 MATHEMATICAL SANS-SERIF CAPITAL E: the character the fuzz test lost. */
const ASTRAL = '\u{1D5A4}';
const CHUNK = 16 * 1024;

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('apt-zip-surrogates-');
});
afterAll(async () => {
  await removeDir(dir);
});

/** A text whose astral character starts on the last code unit of the first 16 KB of a part that begins with `prefix`. */
function acrossTheBoundary(prefix: string): string {
  return `${'a'.repeat(CHUNK - 1 - prefix.length)}${ASTRAL}b`;
}

describe('a character outside the BMP cut by a 16 KB chunk boundary', () => {
  it('is zipped as its own four UTF-8 bytes, read back strictly by Python', async () => {
    const text = acrossTheBoundary('');
    const zip = new JSZip();
    zip.file('part.xml', text);
    const file = join(dir, 'text.zip');
    await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const read = spawnSync(
      PYTHON,
      ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("part.xml").decode("utf-8")[-2:])', file],
      { encoding: 'utf8' },
    );
    expect(read.stderr).toBe('');
    expect(read.stdout.trim()).toBe(`${ASTRAL}b`);
  });

  it.skipIf(!hasPythonModule('openpyxl'))(
    "survives in a workbook's shared strings, as openpyxl reads the cell",
    async () => {
      // Where the cell's text starts in sharedStrings.xml, found from a workbook with a one-letter text.
      const sharedStrings = async (value: string) => {
        const book = new ExcelJS.Workbook();
        book.addWorksheet('Sheet').getCell('A1').value = value;
        const bytes = Buffer.from(await book.xlsx.writeBuffer());
        return { bytes, xml: await (await JSZip.loadAsync(bytes)).file('xl/sharedStrings.xml')!.async('string') };
      };
      const probe = await sharedStrings('Q');
      const text = acrossTheBoundary(probe.xml.slice(0, probe.xml.indexOf('Q')));
      const { bytes, xml } = await sharedStrings(text);
      expect(xml.charCodeAt(CHUNK - 1)).toBe(ASTRAL.charCodeAt(0));
      const file = join(dir, 'text.xlsx');
      await writeFile(file, bytes);
      const read = spawnSync(
        PYTHON,
        ['-c', 'import sys, openpyxl; print(openpyxl.load_workbook(sys.argv[1])["Sheet"]["A1"].value[-2:])', file],
        { encoding: 'utf8' },
      );
      expect(read.stderr).toBe('');
      expect(read.stdout.trim()).toBe(`${ASTRAL}b`);
    },
  );
});
