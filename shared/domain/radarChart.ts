import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import type { PaperContent } from './boardPaperContent';
import { formatPaperDate } from './boardPaperContent';
import { baselineFor } from './papers';
import { currentLevels } from './derived';

/** One spoke: an area, its level now and the level the last paper gave it (null where not assessed). */
export interface RadarArea {
  name: string;
  level: number | null;
  previous: number | null;
}

export interface RadarData {
  areas: RadarArea[];
  /** The matrix's levels, lowest first: one ring each. */
  levels: { level: number; name: string }[];
  /** The legend's words for the solid shape ("This paper, 21st January 2027"). */
  currentLabel: string;
  /** The legend's words for the dashed shape; null when there is no earlier paper to compare with. */
  previousLabel: string | null;
}

/**
 * An SVG element as data, so the same drawing becomes markup for the Word paper and React elements for the
 * app without being drawn twice.
 */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string | number>;
  text?: string;
  children?: SvgNode[];
}

const WIDTH = 600;
const HEIGHT = 550;
/** The drawing's size in its own units, which a picture of it keeps in proportion. */
export const RADAR_SIZE = { width: WIDTH, height: HEIGHT } as const;
const CX = 300;
const CY = 232;
const RADIUS = 150;
const LABEL_GAP = 16;
const LINE = 16;
const LABEL_SIZE = 13;
const WRAP = 18;
// A font every system has a metric twin of, then the generic family, so a renderer never falls back to no text.
// Unquoted: resvg reads no further than a quoted name in a list.
export const RADAR_FONT = 'Arial, Liberation Sans, DejaVu Sans, Helvetica, sans-serif';
// Dark navy against a mid orange: apart in colour and, printed in grey, dark against mid grey; the dashes and
// the marker shapes tell them apart without any colour at all.
const CURRENT = '#1F3864';
const PREVIOUS = '#C55A11';
const GRID = '#A6A6A6';
const MUTED = '#595959';

/** Words wrapped to lines of at most `width` characters; a longer word keeps a line to itself. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else if (word) lines.push(word);
  }
  return lines;
}

const round = (value: number) => Math.round(value * 10) / 10;

function angleOf(index: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * index) / count;
}

function pointAt(index: number, count: number, radius: number): { x: number; y: number } {
  const angle = angleOf(index, count);
  return { x: round(CX + radius * Math.cos(angle)), y: round(CY + radius * Math.sin(angle)) };
}

function pointsText(points: { x: number; y: number }[]): string {
  return points.map((point) => `${point.x},${point.y}`).join(' ');
}

function levelText(area: RadarArea, compared: boolean): string {
  const now = area.level === null ? 'Not assessed' : `Level ${area.level}`;
  if (!compared) return now;
  return `${now}, was ${area.previous ?? 'not assessed'}`;
}

function text(x: number, y: number, value: string, attrs: Record<string, string | number> = {}): SvgNode {
  return { tag: 'text', attrs: { x: round(x), y: round(y), ...attrs }, text: value };
}

/** The area's name, wrapped, and its levels on the line under it, placed outside the end of its spoke. */
function areaLabel(area: RadarArea, index: number, count: number, compared: boolean): SvgNode {
  const angle = angleOf(index, count);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
  const lines = [...wrapWords(area.name, WRAP), levelText(area, compared)];
  const x = CX + (RADIUS + LABEL_GAP) * cos;
  const edge = CY + (RADIUS + LABEL_GAP) * sin;
  // Above the chart the block grows upwards, below it downwards, at the sides it is centred on the spoke.
  const top =
    sin < -0.5
      ? edge - (lines.length - 1) * LINE
      : sin > 0.5
        ? edge + LABEL_SIZE
        : edge - ((lines.length - 1) * LINE) / 2 + LABEL_SIZE / 3;
  return {
    tag: 'g',
    attrs: { 'text-anchor': anchor, 'font-size': LABEL_SIZE },
    children: lines.map((line, lineIndex) =>
      text(
        x,
        top + lineIndex * LINE,
        line,
        lineIndex === lines.length - 1 ? { 'font-weight': 'bold', fill: CURRENT } : { fill: '#000000' },
      ),
    ),
  };
}

function shape(
  data: RadarData,
  levelOf: (area: RadarArea) => number | null,
  style: { stroke: string; fill: string; dash?: string; marker: 'circle' | 'square' },
): SvgNode {
  const top = data.levels.length;
  const count = data.areas.length;
  // A level not assessed sits at the centre: nothing claimed for that area.
  const points = data.areas.map((area, index) => pointAt(index, count, (RADIUS * (levelOf(area) ?? 0)) / top));
  const markers = points.map((point): SvgNode =>
    style.marker === 'circle'
      ? { tag: 'circle', attrs: { cx: point.x, cy: point.y, r: 4.5, fill: style.stroke } }
      : {
          tag: 'rect',
          attrs: {
            x: point.x - 4,
            y: point.y - 4,
            width: 8,
            height: 8,
            fill: '#FFFFFF',
            stroke: style.stroke,
            'stroke-width': 2,
          },
        },
  );
  return {
    tag: 'g',
    attrs: {},
    children: [
      {
        tag: 'polygon',
        attrs: {
          points: pointsText(points),
          fill: style.fill,
          stroke: style.stroke,
          'stroke-width': 2.5,
          'stroke-linejoin': 'round',
          ...(style.dash ? { 'stroke-dasharray': style.dash } : {}),
        },
      },
      ...markers,
    ],
  };
}

function legend(data: RadarData): SvgNode {
  const left = 70;
  let y = HEIGHT - 60;
  const rows: SvgNode[] = [];
  const sample = (dash: string | undefined, stroke: string, marker: SvgNode): SvgNode => ({
    tag: 'g',
    attrs: {},
    children: [
      {
        tag: 'line',
        attrs: {
          x1: left,
          y1: y - 4,
          x2: left + 36,
          y2: y - 4,
          stroke,
          'stroke-width': 2.5,
          ...(dash ? { 'stroke-dasharray': dash } : {}),
        },
      },
      marker,
    ],
  });
  rows.push(
    sample(undefined, CURRENT, { tag: 'circle', attrs: { cx: left + 18, cy: y - 4, r: 4.5, fill: CURRENT } }),
    text(left + 46, y, data.currentLabel, { 'font-size': 12 }),
  );
  y += 18;
  if (data.previousLabel !== null) {
    rows.push(
      sample('6 4', PREVIOUS, {
        tag: 'rect',
        attrs: { x: left + 14, y: y - 8, width: 8, height: 8, fill: '#FFFFFF', stroke: PREVIOUS, 'stroke-width': 2 },
      }),
      text(left + 46, y, data.previousLabel, { 'font-size': 12 }),
    );
  } else {
    rows.push(text(left, y, 'No earlier paper to compare with.', { 'font-size': 12, fill: MUTED }));
  }
  y += 18;
  const first = data.levels[0];
  const last = data.levels.at(-1);
  if (first && last) {
    rows.push(
      text(
        left,
        y,
        `Rings: level ${first.level} (${first.name}) innermost to level ${last.level} (${last.name}) outermost.`,
        { 'font-size': 12, fill: MUTED },
      ),
    );
  }
  return { tag: 'g', attrs: { fill: '#000000' }, children: rows };
}

const NUMBER_WORDS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/**
 * The chart in words, for alt text and screen readers: every area's level and, where there is an earlier
 * paper, its level then ("Radar chart of the seven areas: Leadership level 3 (was 2), …").
 */
export function radarAltText(data: RadarData): string {
  const count = NUMBER_WORDS[data.areas.length] ?? String(data.areas.length);
  const compared = data.previousLabel !== null;
  const parts = data.areas.map((area) => {
    const now = area.level === null ? `${area.name} not assessed` : `${area.name} level ${area.level}`;
    if (!compared) return now;
    return `${now} (${area.previous === null ? 'not assessed then' : `was ${area.previous}`})`;
  });
  const against = compared
    ? ` Compared with ${lowerFirst(data.previousLabel ?? '')}.`
    : ' There is no earlier paper to compare with.';
  return `Radar chart of the ${count} areas: ${parts.join(', ')}.${against}`;
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

/** The radar chart as SVG elements: level rings, spokes, both shapes, the areas' labels and a legend. */
export function radarChart(data: RadarData): SvgNode {
  const count = data.areas.length;
  const top = data.levels.length;
  const compared = data.previousLabel !== null;
  const rings: SvgNode[] = data.levels.map((level) => ({
    tag: 'polygon',
    attrs: {
      points: pointsText(data.areas.map((_, index) => pointAt(index, count, (RADIUS * level.level) / top))),
      fill: 'none',
      stroke: GRID,
      'stroke-width': level.level === top ? 1.5 : 1,
    },
  }));
  const spokes: SvgNode[] = data.areas.map((_, index) => {
    const end = pointAt(index, count, RADIUS);
    return { tag: 'line', attrs: { x1: CX, y1: CY, x2: end.x, y2: end.y, stroke: GRID, 'stroke-width': 1 } };
  });
  // Ring numbers sit between the first two spokes, where no marker can fall, on a white patch so a shape's
  // edge never hides them.
  const between = angleOf(0.5, count);
  const ringLabels: SvgNode[] = data.levels.flatMap((level) => {
    const radius = (RADIUS * level.level) / top;
    const x = CX + radius * Math.cos(between);
    const y = CY + radius * Math.sin(between);
    return [
      {
        tag: 'rect',
        attrs: { x: round(x - 6), y: round(y - 7), width: 12, height: 14, fill: '#FFFFFF', 'fill-opacity': 0.85 },
      },
      text(x, y + 4, String(level.level), { 'font-size': 11, fill: MUTED, 'text-anchor': 'middle' }),
    ];
  });
  const children: SvgNode[] = [
    { tag: 'title', attrs: {}, text: radarAltText(data) },
    { tag: 'rect', attrs: { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: '#FFFFFF' } },
    { tag: 'g', attrs: {}, children: [...rings, ...spokes] },
  ];
  if (compared) {
    children.push(
      shape(data, (area) => area.previous, { stroke: PREVIOUS, fill: 'none', dash: '6 4', marker: 'square' }),
    );
  }
  children.push(
    shape(data, (area) => area.level, { stroke: CURRENT, fill: 'rgba(31,56,100,0.15)', marker: 'circle' }),
    { tag: 'g', attrs: {}, children: ringLabels },
    { tag: 'g', attrs: {}, children: data.areas.map((area, index) => areaLabel(area, index, count, compared)) },
    legend(data),
  );
  return {
    tag: 'svg',
    attrs: {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: WIDTH,
      height: HEIGHT,
      role: 'img',
      'aria-label': radarAltText(data),
      'font-family': RADAR_FONT,
    },
    children,
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Characters XML 1.0 cannot carry: a pasted control character must not make the picture unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeXml(value: string): string {
  return value.replace(INVALID_XML, '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** The elements as SVG markup; every text and attribute value escaped, so an area's name is only ever text. */
export function svgMarkup(node: SvgNode): string {
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
  const inner = (node.text !== undefined ? escapeXml(node.text) : '') + (node.children ?? []).map(svgMarkup).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}

/** The paper's chart: its matrix against the paper it compares with; null when the paper prints no matrix. */
export function radarFromPaper(content: PaperContent): RadarData | null {
  const matrix = content.progress?.matrix;
  if (!matrix) return null;
  const previous = content.previousPaper;
  return {
    areas: matrix.rows.map((row) => ({ name: row.areaName, level: row.level, previous: row.previousLevel })),
    levels: matrix.levels,
    currentLabel: `This paper, ${content.header.dateText}`,
    previousLabel: previous ? `Last paper, ${previous.board}, ${previous.meetingDateText}` : null,
  };
}

/**
 * The app's chart: today's levels against the paper the next one will be compared with, the last paper
 * before the coming meeting (or before today when no meeting is set or its date has passed).
 */
export function radarForPlan(doc: PlanDocument, today: IsoDate): RadarData {
  const meeting = doc.plan.nextBoardDate !== null && doc.plan.nextBoardDate > today ? doc.plan.nextBoardDate : today;
  const paper = baselineFor(doc, null, meeting);
  const current = currentLevels(doc);
  return {
    areas: doc.matrix.areas.map((area) => ({
      name: area.name,
      level: current[area.id]?.level ?? null,
      previous: paper ? (paper.snapshot.levels[area.id] ?? null) : null,
    })),
    levels: doc.matrix.levels.map((level) => ({ level: level.level, name: level.name })),
    currentLabel: `Now, ${formatPaperDate(today)}`,
    previousLabel: paper ? `Last paper, ${paper.board}, ${formatPaperDate(paper.meetingDate)}` : null,
  };
}
