import { AlignmentType, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import type { ISectionOptions } from 'docx';
import type { PaperContent } from '../../../../shared/domain/boardPaperContent';
import { radarFromPaper } from '../../../../shared/domain/radarChart';
import { appendixSection } from './appendix';
import { withAppendixRows } from './appendixRows';
import { frontSection } from './frontSection';
import { onLetterhead } from './letterhead';
import { PAPER_NUMBERING } from './numbering';
import { radarPicture, radarPng } from './radarPicture';
import {
  A4,
  BODY_SIZE,
  FONT,
  GREY_TEXT,
  LANDSCAPE_MARGIN,
  NAVY,
  NOTE_SIZE,
  PORTRAIT_MARGIN,
  clean,
} from './primitives';

const APP_NAME = 'Action Plan Tracker';

export interface BoardPaperRenderOptions {
  /** PNG or JPEG shown at the top right of the first page. */
  logo?: Buffer;
  /** A council's own .docx whose styles, header and footer the paper is built on; `name` says which file. */
  letterhead?: { bytes: Buffer; name: string };
}

function footer(content: PaperContent): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            size: NOTE_SIZE,
            color: GREY_TEXT,
            children: [
              clean(`${content.header.subject} – ${content.header.dateText} – Page `),
              PageNumber.CURRENT,
              ' of ',
              PageNumber.TOTAL_PAGES,
            ],
          }),
        ],
      }),
    ],
  });
}

/**
 * The briefing note as a Word file: portrait front pages, then the action plan as a landscape appendix; on the
 * council's letterhead when the template names one.
 */
export async function renderBoardPaperDocx(
  content: PaperContent,
  options: BoardPaperRenderOptions = {},
): Promise<Buffer> {
  const radar = radarFromPaper(content);
  // The chart is drawn on a worker thread while the appendix, the longest part, is laid out here.
  const chartPng = radar ? radarPng(radar) : null;
  const appendix = content.appendix ? appendixSection(content.appendix, content.asOfText) : null;
  const matrixChart = radar && chartPng ? radarPicture(radar, await chartPng) : null;
  const sections: ISectionOptions[] = [
    {
      properties: {
        page: {
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
          margin: PORTRAIT_MARGIN,
        },
      },
      footers: { default: footer(content) },
      children: frontSection(content, options.logo, matrixChart),
    },
  ];
  const landscape: ISectionOptions['properties'] = {
    page: {
      // docx swaps width and height for a landscape page.
      size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
      margin: LANDSCAPE_MARGIN,
    },
  };
  if (appendix) sections.push({ properties: landscape, footers: { default: footer(content) }, children: appendix });
  // The person issuing the paper is its author, as Word's Info pane and a records system show it.
  const author = clean(content.authors.find((person) => person.name.trim())?.name.trim() ?? '') || APP_NAME;
  const document = new Document({
    creator: author,
    lastModifiedBy: author,
    title: clean(content.header.subject),
    subject: clean(content.plan.title),
    description: clean(`Briefing note to ${content.header.to}, ${content.header.dateText}`),
    styles: {
      default: {
        document: {
          // Spelling and screen readers take the language from here: the paper is written in British English.
          run: { font: FONT, size: BODY_SIZE, color: '000000', language: { value: 'en-GB' } },
          // Body paragraphs set their own space after; table cells then stay tight.
          paragraph: { spacing: { after: 0, line: 264 } },
        },
        heading1: {
          run: { font: FONT, size: 26, bold: true, color: NAVY },
          // The outline level is what makes a heading a heading to a navigator, a contents list or a screen reader.
          paragraph: { spacing: { before: 300, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 0 },
        },
        heading2: {
          run: { font: FONT, size: BODY_SIZE, bold: true, color: NAVY },
          paragraph: { spacing: { before: 200, after: 100 }, keepNext: true, keepLines: true, outlineLevel: 1 },
        },
      },
    },
    numbering: PAPER_NUMBERING,
    sections,
  });
  const packed = await Packer.toBuffer(document);
  const paper = options.letterhead
    ? await onLetterhead(packed, options.letterhead.bytes, options.letterhead.name)
    : packed;
  return content.appendix ? withAppendixRows(paper, content.appendix, landscape) : paper;
}
