import { renderAsync } from '@resvg/resvg-js';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { AlignmentType, ImageRun, LineRuleType, Paragraph } from 'docx';
import type { RadarData } from '../../../../shared/domain/radarChart';
import { RADAR_SIZE, radarAltText, radarChart, svgMarkup } from '../../../../shared/domain/radarChart';

// Printed at this width in pixels (4.4 inches), the chart keeps its labels near 7 pt and fits under the matrix table.
const PRINTED_WIDTH = 420;
// Twice the drawing size: sharp when printed and when zoomed in on screen.
const ZOOM = 2;

/** Text needs a font: the system's, so the labels use the paper's Arial, or its metric twin, or any sans. */
export const RADAR_RENDER_OPTIONS: ResvgRenderOptions = {
  font: { loadSystemFonts: true, sansSerifFamily: 'Arial' },
  fitTo: { mode: 'zoom', value: ZOOM },
  background: '#FFFFFF',
};

/** The chart as a PNG. */
export async function radarPng(data: RadarData): Promise<Buffer> {
  return (await renderAsync(svgMarkup(radarChart(data)), RADAR_RENDER_OPTIONS)).asPng();
}

/** The radar chart, drawn by radarPng, as a centred picture whose alt text states every area's level now and in the last paper. */
export function radarPicture(data: RadarData, png: Buffer): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    // An explicit single line: LibreOffice otherwise clips a picture to the document's fixed text line height.
    spacing: { before: 120, after: 60, line: 240, lineRule: LineRuleType.AUTO },
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: {
          width: PRINTED_WIDTH,
          height: Math.round((PRINTED_WIDTH * RADAR_SIZE.height) / RADAR_SIZE.width),
        },
        altText: {
          name: 'Maturity matrix radar chart',
          title: 'Maturity matrix radar chart',
          description: radarAltText(data),
        },
      }),
    ],
  });
}
