import { AlignmentType, LevelFormat, LevelSuffix } from 'docx';
import type { INumberingOptions } from 'docx';

const REFERENCE = 'paper-sections';

/** Where a numbered paragraph sits: a section heading (1), its paragraphs (1.1) or a recommendation's items (1)). */
export type NumberLevel = 'section' | 'paragraph' | 'item';
const LEVEL_INDEX: Record<NumberLevel, number> = { section: 0, paragraph: 1, item: 2 };

const PARAGRAPH_INDENT = 850;
const ITEM_HANGING = 567;

/**
 * The paper's one multi-level list, as Word numbering rather than typed numbers, so a section or paragraph
 * added in Word renumbers everything after it. Items restart after each numbered paragraph.
 */
export const PAPER_NUMBERING: INumberingOptions = {
  config: [
    {
      reference: REFERENCE,
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1', alignment: AlignmentType.LEFT, suffix: LevelSuffix.SPACE },
        {
          level: 1,
          format: LevelFormat.DECIMAL,
          text: '%1.%2',
          alignment: AlignmentType.LEFT,
          suffix: LevelSuffix.TAB,
          style: {
            paragraph: { indent: { left: PARAGRAPH_INDENT, hanging: PARAGRAPH_INDENT }, leftTabStop: PARAGRAPH_INDENT },
          },
        },
        {
          level: 2,
          format: LevelFormat.DECIMAL,
          text: '%3)',
          alignment: AlignmentType.LEFT,
          suffix: LevelSuffix.TAB,
          style: {
            paragraph: {
              indent: { left: PARAGRAPH_INDENT * 2, hanging: ITEM_HANGING },
              leftTabStop: PARAGRAPH_INDENT * 2,
            },
          },
        },
      ],
    },
  ],
};

export function numberingAt(level: NumberLevel): { reference: string; level: number } {
  return { reference: REFERENCE, level: LEVEL_INDEX[level] };
}
