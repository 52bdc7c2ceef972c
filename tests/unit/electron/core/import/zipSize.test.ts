import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { declaredUnzippedSize } from '../../../../../electron/core/import/zipSize';
import { readPlanWorkbook } from '../../../../../electron/core/import/readPlanWorkbook';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import { demoDocument } from '../../../../../electron/core/demoPlan';

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Rewrites the unpacked size every central-directory entry declares, as a zip bomb's would read. */
function declaringEach(bytes: Buffer, size: number): Buffer {
  const copy = Buffer.from(bytes);
  for (let offset = 0; offset + 46 <= copy.length; offset += 1) {
    if (copy.readUInt32LE(offset) === 0x02014b50) copy.writeUInt32LE(size, offset + 24);
  }
  return copy;
}

describe('declaredUnzippedSize', () => {
  it('adds up the unpacked sizes the zip declares', async () => {
    const bytes = await zipOf({ 'a.txt': 'x'.repeat(10_000), 'b.txt': 'y'.repeat(2_500) });
    expect(bytes.length).toBeLessThan(2_000);
    expect(declaredUnzippedSize(bytes)).toBe(12_500);
  });

  it('is null for bytes with no zip directory', () => {
    expect(declaredUnzippedSize(Buffer.from('PK\u0003\u0004 not really a zip'))).toBeNull();
  });
});

describe('readPlanWorkbook and oversized zips', () => {
  it('refuses a workbook that declares gigabytes unpacked, before parsing it', async () => {
    const exported = await writePlanWorkbook(demoDocument(), '2026-11-24');
    const parsed = await readPlanWorkbook(declaringEach(exported, 200 * 1024 * 1024));
    expect(parsed.error).toMatch(/unpacks to far more than any workbook/);
  });

  it('still reads a real export', async () => {
    const exported = await writePlanWorkbook(demoDocument(), '2026-11-24');
    expect((await readPlanWorkbook(exported)).error).toBeNull();
  });
});
