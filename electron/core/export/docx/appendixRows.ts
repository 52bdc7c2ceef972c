import { Readable } from 'node:stream';
import { Document, Packer } from 'docx';
import type { ISectionOptions, TableRow } from 'docx';
import JSZip from 'jszip';
import type { PaperContent } from '../../../../shared/domain/boardPaperContent';
import { APPENDIX_ROWS_MARKER, appendixRowBatches, appendixTable } from './appendix';

const DOCUMENT_PART = 'word/document.xml';
const ROW_END = '</w:tr>';

/**
 * The XML of a batch of the appendix table's body rows, as docx writes them in that table: laid out alone in
 * a document of their own, on the appendix's page, and cut out of it below the header row. docx declares no
 * way to write part of a document as XML, and its rows come out the same in any table with the same columns.
 */
async function bodyRowsXml(rows: readonly TableRow[], page: ISectionOptions['properties']): Promise<string> {
  const alone = new Document({ sections: [{ properties: page, children: [appendixTable(rows)] }] });
  const xml = (await (await JSZip.loadAsync(await Packer.toBuffer(alone))).file(DOCUMENT_PART)?.async('string')) ?? '';
  const table = xml.slice(xml.indexOf('<w:tbl>'), xml.lastIndexOf('</w:tbl>'));
  return table.slice(table.indexOf(ROW_END) + ROW_END.length);
}

async function* documentParts(
  before: string,
  appendix: NonNullable<PaperContent['appendix']>,
  page: ISectionOptions['properties'],
  after: string,
): AsyncGenerator<Buffer> {
  yield Buffer.from(before);
  for (const rows of appendixRowBatches(appendix)) yield Buffer.from(await bodyRowsXml(rows, page));
  yield Buffer.from(after);
}

/**
 * The paper with the appendix table's body rows in place of the row standing in for them, written batch by
 * batch into the zipped document, so neither the rows' objects nor the whole document's XML is ever held at
 * once: a paper's memory grows with one batch of actions and the zipped file, not with the plan.
 */
export async function withAppendixRows(
  paper: Buffer,
  appendix: NonNullable<PaperContent['appendix']>,
  page: ISectionOptions['properties'],
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(paper);
  const xml = (await zip.file(DOCUMENT_PART)?.async('string')) ?? '';
  const marker = xml.indexOf(APPENDIX_ROWS_MARKER);
  if (marker < 0) throw new Error('The Word paper could not be made: its appendix table was not found.');
  const rowStart = xml.lastIndexOf('<w:tr>', marker);
  const rowEnd = xml.indexOf(ROW_END, marker) + ROW_END.length;
  zip.file(
    DOCUMENT_PART,
    Readable.from(documentParts(xml.slice(0, rowStart), appendix, page, xml.slice(rowEnd)), { objectMode: false }),
    // The parts are zipped without entries for their folders, as docx writes them.
    { createFolders: false },
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
