import { posix } from 'node:path';
import JSZip from 'jszip';

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEADER_TYPE = `${RELATIONSHIPS}/header`;
const FOOTER_TYPE = `${RELATIONSHIPS}/footer`;
const THEME_TYPE = `${RELATIONSHIPS}/theme`;
const HEADER_CONTENT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const FOOTER_CONTENT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml';

/** Why a letterhead could not be used, in words for whoever looks after the templates. */
export class LetterheadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LetterheadError';
  }
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function attributes(element: string): Record<string, string> {
  return Object.fromEntries(
    [...element.matchAll(/([\w:]+)="([^"]*)"/g)].map((match): [string, string] => [match[1] ?? '', match[2] ?? '']),
  );
}

function relationshipsOf(xml: string): Relationship[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map(([element]) => {
    const attrs = attributes(element);
    return {
      id: attrs.Id ?? '',
      type: attrs.Type ?? '',
      target: attrs.Target ?? '',
      external: attrs.TargetMode === 'External',
    };
  });
}

/** Where a part's relationships are kept: word/header1.xml → word/_rels/header1.xml.rels. */
function relsPath(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** A relationship's target as a path in the package, from the part that names it. */
function partPath(from: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(from), target));
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  return (await zip.file(path)?.async('string')) ?? null;
}

type PartType = 'default' | 'first';

/** The letterhead's last section: the one its header, footer and first-page setting are read from. */
function lastSection(document: string): string {
  return (document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? []).at(-1) ?? '';
}

/** The relationship of the section's header or footer of one type (default, or the first page's). */
function sectionReference(
  section: string,
  rels: Relationship[],
  kind: 'header' | 'footer',
  type: PartType,
): Relationship | null {
  const reference = [...section.matchAll(new RegExp(`<w:${kind}Reference\\b[^>]*>`, 'g'))]
    .map(([element]) => attributes(element))
    .find((attrs) => (attrs['w:type'] ?? 'default') === type);
  return rels.find((rel) => rel.id === reference?.['r:id'] && !rel.external) ?? null;
}

/** Whether the section gives its first page a header and footer of their own. */
function hasTitlePage(section: string): boolean {
  const element = /<w:titlePg\b[^>]*>/.exec(section)?.[0];
  if (!element) return false;
  const value = attributes(element)['w:val'];
  return value === undefined || !['0', 'false', 'off'].includes(value);
}

/** A section's properties with the first-page setting, placed where the schema orders it. */
function withTitlePage(section: string): string {
  if (section.includes('<w:titlePg')) return section;
  const next = /<w:(?:textDirection|bidi|rtlGutter|docGrid|printerSettings|sectPrChange)\b|<\/w:sectPr>/.exec(section);
  return next ? `${section.slice(0, next.index)}<w:titlePg/>${section.slice(next.index)}` : section;
}

/**
 * Copies a header or footer part's relationships (its logo, mostly) into `out` under names of their own, and
 * returns the relationships file for the part's new place.
 */
async function copyPartRelations(
  letterhead: JSZip,
  out: JSZip,
  from: string,
  contentTypes: { theirs: string; ours: string },
): Promise<string | null> {
  const rels = await text(letterhead, relsPath(from));
  if (rels === null) return null;
  let copied = rels;
  for (const rel of relationshipsOf(rels)) {
    if (rel.external) continue;
    const source = partPath(from, rel.target);
    const bytes = await letterhead.file(source)?.async('nodebuffer');
    if (!bytes) continue;
    const name = `letterhead-${posix.basename(source)}`;
    out.file(posix.join('word/media', name), bytes);
    copied = copied.replace(`Target="${rel.target}"`, `Target="media/${name}"`);
    const extension = posix.extname(name).slice(1).toLowerCase();
    contentTypes.ours = withDefaultType(contentTypes.ours, contentTypes.theirs, extension);
  }
  return copied;
}

/** Our content types with the letterhead's type for `extension` added when ours lacks one. */
function withDefaultType(ours: string, theirs: string, extension: string): string {
  const pattern = new RegExp(`<Default\\b[^>]*Extension="${extension}"[^>]*/>`, 'i');
  if (pattern.test(ours)) return ours;
  const theirDefault = pattern.exec(theirs)?.[0];
  return theirDefault ? ours.replace('</Types>', `${theirDefault}</Types>`) : ours;
}

const styleBlocks = (xml: string) => xml.match(/<w:style\b[\s\S]*?<\/w:style>/g) ?? [];
const styleIdOf = (block: string) => /w:styleId="([^"]+)"/.exec(block)?.[1] ?? '';

/** A heading style given the outline level a navigator and a contents list need, where the letterhead left it out. */
function withOutlineLevel(block: string, level: number): string {
  if (block.includes('<w:outlineLvl')) return block;
  const outline = `<w:outlineLvl w:val="${level}"/>`;
  if (block.includes('</w:pPr>')) return block.replace('</w:pPr>', `${outline}</w:pPr>`);
  if (/<w:pPr\s*\/>/.test(block)) return block.replace(/<w:pPr\s*\/>/, `<w:pPr>${outline}</w:pPr>`);
  const at = block.includes('<w:rPr>') ? block.indexOf('<w:rPr>') : block.lastIndexOf('</w:style>');
  return `${block.slice(0, at)}<w:pPr>${outline}</w:pPr>${block.slice(at)}`;
}

/**
 * The letterhead's styles (its fonts, sizes and heading styles win), with the paper's own styles added where
 * the letterhead has none of that name, the headings' outline levels, and British English unless it names a
 * language of its own.
 */
export function mergeStyles(letterhead: string, paper: string): string {
  const theirs = new Set(styleBlocks(letterhead).map(styleIdOf));
  const missing = styleBlocks(paper).filter((block) => !theirs.has(styleIdOf(block)));
  let merged = letterhead.replace('</w:styles>', `${missing.join('')}</w:styles>`);
  merged = merged.replace(/<w:style\b[\s\S]*?<\/w:style>/g, (block) => {
    const heading = /^Heading([1-9])$/.exec(styleIdOf(block));
    return heading ? withOutlineLevel(block, Number(heading[1]) - 1) : block;
  });
  const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(merged)?.[0];
  if (defaults && !defaults.includes('<w:lang') && defaults.includes('</w:rPr>')) {
    merged = merged.replace(defaults, defaults.replace('</w:rPr>', '<w:lang w:val="en-GB"/></w:rPr>'));
  }
  return merged;
}

/** The inside of a header or footer part: its paragraphs and tables, without the root element. */
function partBody(xml: string, root: 'w:hdr' | 'w:ftr'): string {
  const open = new RegExp(`<${root}\\b[^>]*>`).exec(xml);
  const close = xml.lastIndexOf(`</${root}>`);
  return open && close > open.index ? xml.slice(open.index + open[0].length, close) : '';
}

/**
 * The paper built on a council's letterhead: the paper's body, numbering and pictures in the letterhead's
 * house style (its styles and theme), under its header and over its footer, with the paper's own footer
 * line (subject, date, page numbers) kept under the letterhead's. Throws LetterheadError when the letterhead
 * is not a Word document.
 */
export async function onLetterhead(paper: Buffer, letterheadBytes: Buffer, name: string): Promise<Buffer> {
  let letterhead: JSZip;
  try {
    letterhead = await JSZip.loadAsync(letterheadBytes);
  } catch {
    throw new LetterheadError(`The letterhead ${name} is not a Word document (.docx).`);
  }
  const theirDocument = await text(letterhead, 'word/document.xml');
  const theirRelsXml = await text(letterhead, 'word/_rels/document.xml.rels');
  const theirStyles = await text(letterhead, 'word/styles.xml');
  const theirTypes = await text(letterhead, '[Content_Types].xml');
  if (theirDocument === null || theirRelsXml === null || theirStyles === null || theirTypes === null) {
    throw new LetterheadError(
      `The letterhead ${name} is not a Word document (.docx): it has no document, styles or relationships.`,
    );
  }
  const theirRels = relationshipsOf(theirRelsXml);

  const out = await JSZip.loadAsync(paper);
  let document = (await text(out, 'word/document.xml')) ?? '';
  let ourRelsXml = (await text(out, 'word/_rels/document.xml.rels')) ?? '';
  const ourRels = relationshipsOf(ourRelsXml);
  const contentTypes = { theirs: theirTypes, ours: (await text(out, '[Content_Types].xml')) ?? '' };

  out.file('word/styles.xml', mergeStyles(theirStyles, (await text(out, 'word/styles.xml')) ?? ''));

  // Theme fonts ("the body font", "the heading font") are read from the theme: a Word letterhead relies on them.
  const theirTheme = theirRels.find((rel) => rel.type === THEME_TYPE);
  const ourTheme = ourRels.find((rel) => rel.type === THEME_TYPE);
  const themeXml = theirTheme ? await text(letterhead, partPath('word/document.xml', theirTheme.target)) : null;
  if (themeXml !== null && ourTheme) out.file(partPath('word/document.xml', ourTheme.target), themeXml);

  const section = lastSection(theirDocument);
  const titlePage = hasTitlePage(section);
  const sections = () => document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
  const ourFirstSection = sections()[0] ?? '';

  /** Adds a header or footer part to the paper and returns the id the sections refer to it by. */
  const addPart = async (kind: 'header' | 'footer', type: PartType, xml: string, from: string | null) => {
    const part = `word/letterhead-${kind}${type === 'default' ? '' : `-${type}`}.xml`;
    const id = `rIdLetterhead${kind === 'header' ? 'Header' : 'Footer'}${type === 'default' ? '' : 'First'}`;
    out.file(part, xml);
    const rels = from === null ? null : await copyPartRelations(letterhead, out, from, contentTypes);
    if (rels !== null) out.file(relsPath(part), rels);
    ourRelsXml = ourRelsXml.replace(
      '</Relationships>',
      `<Relationship Id="${id}" Type="${kind === 'header' ? HEADER_TYPE : FOOTER_TYPE}" Target="${posix.basename(part)}"/></Relationships>`,
    );
    contentTypes.ours = contentTypes.ours.replace(
      '</Types>',
      `<Override PartName="/${part}" ContentType="${kind === 'header' ? HEADER_CONTENT : FOOTER_CONTENT}"/></Types>`,
    );
    return id;
  };
  /** Refers every section (the landscape appendix too), or only the front pages', to a header or footer. */
  const refer = (kind: 'header' | 'footer', type: PartType, id: string, frontOnly: boolean) => {
    let seen = 0;
    document = document.replace(/<w:sectPr\b[^>]*>/g, (open) =>
      frontOnly && seen++ > 0 ? open : `${open}<w:${kind}Reference w:type="${type}" r:id="${id}"/>`,
    );
  };

  for (const type of ['default', 'first'] as const) {
    if (type === 'first' && !titlePage) continue;
    const header = sectionReference(section, theirRels, 'header', type);
    const from = header ? partPath('word/document.xml', header.target) : null;
    const headerXml = from ? await text(letterhead, from) : null;
    if (headerXml !== null) refer('header', type, await addPart('header', type, headerXml, from), type === 'first');
  }

  // The paper's footer line (subject, date, page numbers) goes under the letterhead's own footer.
  const ourFooterRel = sectionReference(ourFirstSection, ourRels, 'footer', 'default');
  const ourFooterPath = ourFooterRel ? partPath('word/document.xml', ourFooterRel.target) : null;
  const ourFooterBody = ourFooterPath ? partBody((await text(out, ourFooterPath)) ?? '', 'w:ftr') : '';
  const footerOf = async (type: PartType) => {
    const footer = sectionReference(section, theirRels, 'footer', type);
    const from = footer ? partPath('word/document.xml', footer.target) : null;
    const xml = from ? await text(letterhead, from) : null;
    return xml === null ? null : { from, xml };
  };
  const theirFooter = await footerOf('default');
  if (theirFooter) {
    for (const rel of ourRels.filter((item) => item.type === FOOTER_TYPE)) {
      const ours = partPath('word/document.xml', rel.target);
      const body = partBody((await text(out, ours)) ?? '', 'w:ftr');
      // The paper's footer is text and page-number fields only, so it brings no relationships of its own.
      out.file(ours, theirFooter.xml.replace(/<\/w:ftr>\s*$/, `${body}</w:ftr>`));
      const rels = await copyPartRelations(letterhead, out, theirFooter.from ?? '', contentTypes);
      if (rels !== null) out.file(relsPath(ours), rels);
    }
  }
  if (titlePage) {
    // The front page takes the letterhead's first-page footer, or none, and still shows its page number.
    const first = await footerOf('first');
    const xml = first
      ? first.xml.replace(/<\/w:ftr>\s*$/, `${ourFooterBody}</w:ftr>`)
      : `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${ourFooterBody}</w:ftr>`;
    refer('footer', 'first', await addPart('footer', 'first', xml, first?.from ?? null), true);
    let seen = 0;
    document = document.replace(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g, (found) =>
      seen++ === 0 ? withTitlePage(found) : found,
    );
  }

  out.file('word/document.xml', document);
  out.file('word/_rels/document.xml.rels', ourRelsXml);
  out.file('[Content_Types].xml', contentTypes.ours);
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
