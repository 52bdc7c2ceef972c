import type { ActionStatus } from '../model/action';

/**
 * The shading behind each status, as RGB hex, for the Word paper and the workbooks alike, so a status looks
 * the same whichever file a board member opens. The label is always printed; the colour only repeats it. The
 * fills are Excel's own Good / Neutral / Bad shades, which board members already read as a traffic light;
 * the text colours are dark enough to read on them.
 */
export const STATUS_COLOURS: Record<ActionStatus, { fill: string; text: string }> = {
  not_started: { fill: 'EDEDED', text: '3A3A3A' },
  on_track: { fill: 'C6EFCE', text: '0B5A1E' },
  at_risk: { fill: 'FFEB9C', text: '6B3A00' },
  off_track: { fill: 'FFC7CE', text: '9C0006' },
  complete: { fill: 'BDD7EE', text: '1F3864' },
};
