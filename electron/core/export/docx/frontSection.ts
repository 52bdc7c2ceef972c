import { AlignmentType, BorderStyle, ExternalHyperlink, ImageRun, Paragraph, TabStopType, TextRun } from 'docx';
import type { Table } from 'docx';
import { imageSize } from 'image-size';
import type { ListedAction, NarrativeContent, PaperContent } from '../../../../shared/domain/boardPaperContent';
import {
  FONT,
  GREY_TEXT,
  NAVY,
  RULE,
  SMALL_SIZE,
  clean,
  gap,
  heading,
  lead,
  numberedParagraph,
  plain,
  run,
  sectionHeading,
  tab,
} from './primitives';
import {
  areaCountTable,
  dueTable,
  matrixKeyTable,
  matrixTable,
  measuresTable,
  statusCountTable,
  unreviewedTable,
} from './frontTables';

/** The logo scaled to fit 220 × 70 points, or null for a file that is not a PNG or JPEG picture. */
function logoParagraph(logo: Buffer, organisation: string): Paragraph | null {
  let size: { width: number; height: number; type?: string };
  try {
    size = imageSize(logo);
  } catch {
    return null;
  }
  if (size.type !== 'png' && size.type !== 'jpg') return null;
  if (size.width === 0 || size.height === 0) return null;
  const scale = Math.min(70 / size.height, 220 / size.width, 1);
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { after: 120 },
    children: [
      new ImageRun({
        type: size.type,
        data: logo,
        transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
        altText: {
          name: 'Logo',
          description: organisation ? `${organisation} logo` : 'Logo of the organisation issuing the paper',
          title: 'Logo',
        },
      }),
    ],
  });
}

function headerBlock(content: PaperContent): Paragraph[] {
  const line = (label: string, value: string, last = false) =>
    new Paragraph({
      tabStops: [{ type: TabStopType.LEFT, position: 1134 }],
      spacing: { after: last ? 240 : 120 },
      border: last ? { bottom: { style: BorderStyle.SINGLE, size: 8, color: RULE, space: 8 } } : undefined,
      children: [run(label, { bold: true }), tab(), run(value, { bold: true })],
    });
  return [
    line('To:', content.header.to),
    line('Date:', content.header.dateText),
    line(`${content.header.subjectLabel}:`, content.header.subject, true),
  ];
}

function completedList(items: ListedAction[]): Paragraph[] {
  if (items.length === 0) return [plain('No actions have been completed since the last paper.')];
  return items.map(
    (item) =>
      new Paragraph({
        bullet: { level: 0 },
        spacing: { after: 80 },
        children: [
          run(`Action ${item.number}: `, { bold: true }),
          run(item.description),
          ...(item.leads.length ? [run(` (Lead: ${item.leads.join('; ')})`, { color: GREY_TEXT })] : []),
        ],
      }),
  );
}

const LINK = '0563C1';

/** An email address the reader can click to write to the author, as the seeds' papers print it. */
function emailLink(email: string): ExternalHyperlink {
  return new ExternalHyperlink({
    link: `mailto:${email}`,
    children: [new TextRun({ text: clean(email), font: FONT, style: 'Hyperlink', color: LINK, underline: {} })],
  });
}

function authorBlock(content: PaperContent): Paragraph[] {
  if (content.authors.length === 0) return [];
  const out: Paragraph[] = [heading(content.authors.length > 1 ? 'Authors' : 'Author', 2)];
  content.authors.forEach((author, index) => {
    const texts: [string, string][] = [
      ['Name', author.name],
      ['Job title', author.jobTitle],
      ['Organisation', author.organisation],
      ['Contact details', author.contact],
    ];
    const fields: [string, TextRun | ExternalHyperlink][] = texts
      .filter(([, value]) => value.trim().length > 0)
      .map(([label, value]) => [label, run(value)]);
    if (author.email) fields.push(['Email', emailLink(author.email)]);
    fields.forEach(([label, value], line) => {
      const last = line === fields.length - 1 && index < content.authors.length - 1;
      out.push(
        new Paragraph({
          keepNext: line < fields.length - 1,
          tabStops: [{ type: TabStopType.LEFT, position: 2000 }],
          spacing: { after: last ? 240 : 40 },
          children: [run(`${label}:`, { bold: true }), tab(), value],
        }),
      );
    });
  });
  return out;
}

/** One of the author's sections: a numbered heading, numbered paragraphs and bullet points as a Word list. */
function narrativeSection(section: NarrativeContent): Paragraph[] {
  return [
    sectionHeading(section.title),
    ...section.paragraphs.map((paragraph) =>
      paragraph.bullet
        ? new Paragraph({ bullet: { level: 0 }, spacing: { after: 80 }, children: [run(paragraph.text)] })
        : numberedParagraph(paragraph.text),
    ),
  ];
}

/**
 * After a list cut at the template's limit, how many actions it left out and where they are; otherwise the
 * space a table needs before the next heading.
 */
function afterList(content: PaperContent, notListed: number): Paragraph[] {
  if (notListed === 0) return [gap()];
  const where = content.appendix ? `see ${content.appendix.label}` : 'see the action plan';
  return [
    new Paragraph({
      spacing: { before: 60, after: 120 },
      children: [run(`and ${notListed} more: ${where}`, { italics: true })],
    }),
  ];
}

function progressSection(
  content: PaperContent,
  progress: NonNullable<PaperContent['progress']>,
  matrixChart: Paragraph | null,
): (Paragraph | Table)[] {
  const children: (Paragraph | Table)[] = [sectionHeading('Progress summary'), numberedParagraph(progress.intro.text)];
  if (progress.matrix) {
    children.push(heading('Maturity matrix', 2));
    children.push(
      lead(
        'Where each area of the partnership stands on the maturity matrix, and how that compares with the last paper.',
      ),
    );
    children.push(matrixTable(progress.matrix));
    children.push(
      plain(
        '● marks the current level; ○ marks the level reported in the last paper where it was different.',
        { size: SMALL_SIZE, color: GREY_TEXT },
        200,
      ),
    );
    if (matrixChart) {
      children.push(
        lead(
          content.previousPaper
            ? 'The same levels as a radar chart: the solid shape is this paper, the dashed shape the last paper.'
            : 'The same levels as a radar chart.',
        ),
        matrixChart,
        gap(),
      );
    }
    if (progress.matrix.rows.some((row) => row.descriptors.some((text) => text.trim() !== ''))) {
      children.push(plain('Key: what each level looks like in each area', { bold: true, size: SMALL_SIZE }, 80, true));
      children.push(matrixKeyTable(progress.matrix), gap());
    }
  }
  if (progress.counts) {
    children.push(heading('Actions by status', 2), statusCountTable(progress.counts), gap());
    children.push(heading('Actions by matrix area', 2), areaCountTable(progress.counts), gap());
  }
  if (progress.measures) {
    children.push(heading('Measures', 2));
    if (progress.measures.length === 0) {
      children.push(plain('The plan has no measures yet.'));
    } else {
      children.push(
        lead(
          'The indicators the board tracks: the latest figure and its date, whether it meets the target, and whether it moved the right way since the figure before.',
        ),
      );
      children.push(measuresTable(progress.measures), gap());
    }
  }
  if (progress.completedSinceLast) {
    children.push(heading('Completed since the last paper', 2), ...completedList(progress.completedSinceLast));
    if (progress.notListed.completedSinceLast > 0)
      children.push(...afterList(content, progress.notListed.completedSinceLast));
  }
  if (progress.overdue) {
    children.push(heading('Overdue', 2));
    if (progress.overdue.length === 0) {
      children.push(plain(`No actions were overdue on ${content.asOfText}.`));
    } else {
      children.push(lead(`Actions with a date that had passed on ${content.asOfText} and work still outstanding.`));
      children.push(dueTable(progress.overdue), ...afterList(content, progress.notListed.overdue));
    }
  }
  if (progress.dueBeforeMeeting) {
    children.push(heading('Due before the meeting', 2));
    if (progress.dueBeforeMeeting.length === 0) {
      children.push(
        plain(`Nothing falls due between ${content.asOfText} and the meeting on ${content.header.dateText}.`),
      );
    } else {
      children.push(
        lead(`Work falling due between ${content.asOfText} and the meeting on ${content.header.dateText}.`),
      );
      children.push(dueTable(progress.dueBeforeMeeting), ...afterList(content, progress.notListed.dueBeforeMeeting));
    }
  }
  if (progress.unreviewed) {
    children.push(heading('Updates not yet reviewed', 2));
    children.push(
      lead(
        content.previousPaper
          ? `Actions with updates logged since the last paper (for the ${content.previousPaper.board} on ${content.previousPaper.meetingDateText}) that a manager has not yet reviewed.`
          : 'Actions with updates that a manager has not yet reviewed. This is the first paper, so every unreviewed update is counted.',
      ),
    );
    children.push(unreviewedTable(progress.unreviewed), ...afterList(content, progress.notListed.unreviewed));
  }
  return children;
}

/**
 * The portrait pages: letterhead, To / Date / Subject, numbered sections, the progress summary (with the
 * radar chart, when drawn, under the matrix) and the authors.
 */
export function frontSection(
  content: PaperContent,
  logo: Buffer | undefined,
  matrixChart: Paragraph | null = null,
): (Paragraph | Table)[] {
  const children: (Paragraph | Table)[] = [];
  const logoPara = logo ? logoParagraph(logo, content.header.organisation) : null;
  if (logoPara) children.push(logoPara);
  if (content.header.organisation) {
    children.push(plain(content.header.organisation, { bold: true, size: 24, color: NAVY }, 40));
  }
  children.push(
    new Paragraph({ spacing: { after: 240 }, children: [run('Briefing note', { size: 36, color: NAVY })] }),
  );
  children.push(...headerBlock(content));

  children.push(sectionHeading('Purpose of the Note'));
  children.push(...content.purpose.map((item) => numberedParagraph(item.text)));

  children.push(sectionHeading('Recommendations'));
  const { intro, items } = content.recommendations;
  if (intro) children.push(numberedParagraph(intro.text));
  children.push(...items.map((item) => numberedParagraph(item.text, intro ? 'item' : 'paragraph')));

  if (content.appendices.length > 0) {
    children.push(heading('Appendices', 2));
    children.push(
      ...content.appendices.map(
        (item) =>
          new Paragraph({
            spacing: { after: 60 },
            children: [
              run(`${item.label}: ${item.title}`),
              ...(item.note.trim() ? [run(` (${item.note.trim()})`, { color: GREY_TEXT })] : []),
            ],
          }),
      ),
    );
  }

  children.push(...content.narrative.flatMap(narrativeSection));

  if (content.progress) children.push(...progressSection(content, content.progress, matrixChart));
  children.push(...authorBlock(content));
  return children;
}
