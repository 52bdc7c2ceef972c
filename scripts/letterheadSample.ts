import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { AlignmentType, BorderStyle, Document, Footer, Header, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import type { IRunOptions } from 'docx';

/**
 * `tsx scripts/letterheadSample.ts`: writes the sample council letterhead shipped beside the board-paper
 * templates. It differs visibly from the app's own paper (Georgia, green headings, a logo in the header and
 * a footer line), so a paper built on it shows at a glance that the council's house style was kept.
 */
const OUT = resolve('templates/board-papers/letterhead-sample.docx');
const GREEN = '1E5C3A';
const FONT = 'Georgia';

/** A small invented crest: a green shield with a white tree, as a PNG drawn from SVG. */
function logoPng(): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="72" viewBox="0 0 64 72">
    <path d="M4 4 H60 V36 C60 54 46 64 32 70 C18 64 4 54 4 36 Z" fill="#${GREEN}"/>
    <rect x="29" y="38" width="6" height="18" fill="#FFFFFF"/>
    <circle cx="32" cy="28" r="14" fill="#FFFFFF"/>
    <circle cx="32" cy="28" r="8" fill="#${GREEN}"/>
  </svg>`;
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
}

const COUNCIL_NAME: IRunOptions = { text: '  Example Council', font: FONT, size: 28, bold: true, color: GREEN };

const header = new Header({
  children: [
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: GREEN, space: 4 } },
      children: [
        new ImageRun({
          type: 'png',
          data: logoPng(),
          transformation: { width: 32, height: 36 },
          altText: { name: 'Example Council crest', title: 'Example Council', description: 'Example Council crest' },
        }),
        new TextRun(COUNCIL_NAME),
      ],
    }),
  ],
});

const footer = new Footer({
  children: [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: 'Example Council · Early Help Partnership', font: FONT, size: 16, color: GREEN })],
    }),
  ],
});

const document = new Document({
  creator: 'Example Council',
  title: 'Example Council letterhead',
  styles: {
    default: {
      document: { run: { font: FONT, size: 22, language: { value: 'en-GB' } } },
      heading1: {
        run: { font: FONT, size: 28, bold: true, color: GREEN },
        paragraph: { spacing: { before: 320, after: 120 }, keepNext: true, outlineLevel: 0 },
      },
      heading2: {
        run: { font: FONT, size: 24, bold: true, italics: true, color: GREEN },
        paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, outlineLevel: 1 },
      },
    },
  },
  sections: [
    {
      headers: { default: header },
      footers: { default: footer },
      children: [
        new Paragraph({
          children: [
            new TextRun(
              "A council's letterhead for board papers: the paper keeps this document's styles, header and footer, and its own text takes the place of this paragraph.",
            ),
          ],
        }),
      ],
    },
  ],
});

void Packer.toBuffer(document).then((bytes) => writeFile(OUT, bytes));
