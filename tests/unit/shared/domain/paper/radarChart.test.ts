import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { buildPaperContent, paperInputFromTemplate } from '../../../../../shared/domain/boardPaperContent';
import type { RadarData, SvgNode } from '../../../../../shared/domain/radarChart';
import {
  radarAltText,
  radarChart,
  radarForPlan,
  radarFromPaper,
  svgMarkup,
  wrapWords,
} from '../../../../../shared/domain/radarChart';
import type { PaperTemplate } from '../../../../../shared/model/boardPaper';

const TODAY = '2026-11-24';
const LEVELS = [
  { level: 1, name: 'Basic' },
  { level: 2, name: 'Early progress' },
  { level: 3, name: 'Substantial progress' },
  { level: 4, name: 'Maturity' },
];

function data(overrides: Partial<RadarData> = {}): RadarData {
  return {
    areas: [
      { name: 'Leadership', level: 3, previous: 2 },
      { name: 'Integrated performance management and commissioning', level: 2, previous: 2 },
      { name: 'Workforce', level: null, previous: 1 },
      { name: 'Quality assurance', level: 4, previous: null },
      { name: 'Voice', level: 1, previous: 1 },
      { name: 'Governance', level: 2, previous: 3 },
      { name: 'Communication', level: 2, previous: 2 },
    ],
    levels: LEVELS,
    currentLabel: 'This paper, 21st January 2027',
    previousLabel: 'Last paper, Health and Wellbeing Board, 17th September 2026',
    ...overrides,
  };
}

function all(node: SvgNode, tag: string): SvgNode[] {
  const own = node.tag === tag ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((child) => all(child, tag))];
}

/** The data polygons: the rings have no fill attribute other than 'none' and a grey stroke. */
function shapes(chart: SvgNode): SvgNode[] {
  return all(chart, 'polygon').filter((polygon) => polygon.attrs['stroke-width'] === 2.5);
}

function radiusOf(point: string): number {
  const [x, y] = point.split(',').map(Number);
  return Math.hypot((x ?? 0) - 300, (y ?? 0) - 232);
}

describe('radar chart', () => {
  it('states every area with its level now and in the last paper', () => {
    expect(radarAltText(data())).toBe(
      'Radar chart of the seven areas: Leadership level 3 (was 2), Integrated performance management and commissioning level 2 (was 2), ' +
        'Workforce not assessed (was 1), Quality assurance level 4 (not assessed then), Voice level 1 (was 1), ' +
        'Governance level 2 (was 3), Communication level 2 (was 2). ' +
        'Compared with last paper, Health and Wellbeing Board, 17th September 2026.',
    );
    expect(radarAltText(data({ previousLabel: null }))).toContain('Leadership level 3, Integrated');
    expect(radarAltText(data({ previousLabel: null }))).toContain('There is no earlier paper to compare with.');
  });

  it('draws this paper solid and the last paper dashed, each point at its level ring', () => {
    const [previous, current] = shapes(radarChart(data()));
    expect(current?.attrs['stroke-dasharray']).toBeUndefined();
    expect(previous?.attrs['stroke-dasharray']).toBe('6 4');
    const currentRadii = String(current?.attrs.points).split(' ').map(radiusOf);
    // Level n of 4 sits at n quarters of the 150-unit radius; not assessed at the centre.
    expect(currentRadii.map((radius) => Math.round(radius))).toEqual([113, 75, 0, 150, 38, 75, 75]);
    const previousRadii = String(previous?.attrs.points).split(' ').map(radiusOf);
    expect(previousRadii.map((radius) => Math.round(radius))).toEqual([75, 75, 38, 0, 38, 113, 75]);
  });

  it('draws one shape and says so in the legend when there is no earlier paper', () => {
    const chart = radarChart(data({ previousLabel: null }));
    expect(shapes(chart)).toHaveLength(1);
    expect(svgMarkup(chart)).toContain('No earlier paper to compare with.');
    expect(svgMarkup(chart)).not.toContain('was 2');
  });

  it('labels the four level rings and prints both shapes in the legend', () => {
    const chart = radarChart(data());
    const texts = all(chart, 'text').map((node) => node.text);
    for (const ring of ['1', '2', '3', '4']) expect(texts).toContain(ring);
    expect(texts).toContain('This paper, 21st January 2027');
    expect(texts).toContain('Last paper, Health and Wellbeing Board, 17th September 2026');
    const rings = all(chart, 'polygon').filter(
      (polygon) => polygon.attrs.fill === 'none' && polygon.attrs.stroke === '#A6A6A6',
    );
    expect(rings).toHaveLength(4);
  });

  it('wraps a long area name onto lines of at most 18 characters, with the levels under it', () => {
    expect(wrapWords('Integrated performance management and commissioning', 18)).toEqual([
      'Integrated',
      'performance',
      'management and',
      'commissioning',
    ]);
    const svg = svgMarkup(radarChart(data()));
    expect(svg).toContain('>management and</text>');
    expect(svg).toContain('>Level 2, was 2</text>');
    expect(svg).toContain('>Not assessed, was 1</text>');
  });

  it('names its fonts unquoted, as resvg reads no further than a quoted name in a list', () => {
    const family = String(radarChart(data()).attrs['font-family']);
    expect(family).not.toMatch(/['"]/);
    expect(family.split(', ').at(-1)).toBe('sans-serif');
  });

  it('keeps an area name as text in the markup, whatever it holds', () => {
    const hostile = data({ areas: [{ name: '<script>alert("x")</script> & "Q"', level: 2, previous: 1 }] });
    const svg = svgMarkup(radarChart(hostile));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it("draws the paper's matrix against the paper it compares with", () => {
    const doc = demoDocument();
    const template: PaperTemplate = {
      id: 'radar',
      name: 'Radar',
      subjectLabel: 'Subject',
      narrative: [],
      extraAppendices: [],
      description: '',
      boardName: 'Health and Wellbeing Board',
      subject: 'Early Help',
      purpose: ['To update.'],
      recommendationsIntro: '',
      recommendations: ['Note.'],
      authors: [],
      sections: {
        matrix: true,
        counts: false,
        completedSinceLast: false,
        overdueAndDueSoon: false,
        measures: false,
        appendix: false,
      },
      listLimit: 15,
    };
    const content = buildPaperContent(doc, paperInputFromTemplate(template, '2027-01-21'), TODAY);
    const radar = radarFromPaper(content);
    const rows = content.progress?.matrix?.rows ?? [];
    expect(radar?.areas).toEqual(
      rows.map((row) => ({ name: row.areaName, level: row.level, previous: row.previousLevel })),
    );
    expect(radar?.previousLabel).toBe(
      `Last paper, ${content.previousPaper?.board ?? ''}, ${content.previousPaper?.meetingDateText ?? ''}`,
    );
    const withoutMatrix = buildPaperContent(
      doc,
      paperInputFromTemplate(
        { ...template, sections: { ...template.sections, matrix: false, counts: true } },
        '2027-01-21',
      ),
      TODAY,
    );
    expect(radarFromPaper(withoutMatrix)).toBeNull();
  });

  it("draws the app's matrix against the last paper before the coming meeting", () => {
    const doc = demoDocument();
    const last = doc.papers.at(-1);
    const radar = radarForPlan(doc, TODAY);
    expect(radar.areas.map((area) => area.previous)).toEqual(
      doc.matrix.areas.map((area) => last?.snapshot.levels[area.id] ?? null),
    );
    expect(radarForPlan({ ...doc, papers: [] }, TODAY).previousLabel).toBeNull();
  });
});
