import { z } from 'zod';
import type { Known } from './primitives';
import { actionStatusSchema } from './action';
import { levelNumberSchema } from './matrix';
import { freeText, idSchema, isoDateSchema, isoDateTimeSchema, nonEmptyText } from './primitives';
import { personSchema, recordedBySchema } from './people';

export const paperAuthorSchema = z.looseObject({
  name: nonEmptyText(120),
  jobTitle: freeText(160),
  organisation: freeText(160),
  contact: freeText(200),
  /** Printed as a link the reader can click to write to the author. */
  email: personSchema.shape.email,
});
export type PaperAuthor = Known<z.infer<typeof paperAuthorSchema>>;

/** A paragraph of a narrative section; a run of bullet paragraphs prints as a list. */
export const narrativeParagraphSchema = z.looseObject({
  text: nonEmptyText(4000),
  bullet: z.boolean(),
});
export type NarrativeParagraph = Known<z.infer<typeof narrativeParagraphSchema>>;

/** A titled section the paper's author writes, such as "Background", numbered after the recommendations. */
export const narrativeSectionSchema = z.looseObject({
  title: nonEmptyText(200),
  paragraphs: z.array(narrativeParagraphSchema).max(100),
});
export type NarrativeSection = Known<z.infer<typeof narrativeSectionSchema>>;

/** An appendix the board receives that the app does not write, such as a strategy "supplied separately". */
export const extraAppendixSchema = z.looseObject({
  title: nonEmptyText(200),
  note: freeText(200),
});
export type ExtraAppendix = Known<z.infer<typeof extraAppendixSchema>>;

/** Councils head the paper "Subject:" or "Title:"; the template says which. */
export const SUBJECT_LABELS = ['Subject', 'Title'] as const;
export const subjectLabelSchema = z.enum(SUBJECT_LABELS, { error: 'must be Subject or Title' });
export type SubjectLabel = z.infer<typeof subjectLabelSchema>;

/**
 * The author's own words around the figures. Each has a default so templates and papers saved before these
 * existed read unchanged, with no new schema version.
 */
const narrativeFields = {
  subjectLabel: subjectLabelSchema.default('Subject'),
  narrative: z.array(narrativeSectionSchema).max(30).default([]),
  extraAppendices: z.array(extraAppendixSchema).max(20).default([]),
};

/** Which parts of the paper a board wants; a template sets them, a paper may change them. */
export const paperSectionsSchema = z.looseObject({
  matrix: z.boolean(),
  counts: z.boolean(),
  completedSinceLast: z.boolean(),
  overdueAndDueSoon: z.boolean(),
  measures: z.boolean(),
  appendix: z.boolean(),
});
export type PaperSections = Known<z.infer<typeof paperSectionsSchema>>;

export const paperTemplateSchema = z.object({
  id: idSchema,
  name: nonEmptyText(120),
  description: freeText(400),
  boardName: nonEmptyText(200),
  subject: nonEmptyText(200),
  purpose: z.array(nonEmptyText(2000)).min(1, 'must have at least one paragraph'),
  recommendationsIntro: freeText(400),
  recommendations: z.array(nonEmptyText(2000)).min(1, 'must have at least one recommendation'),
  authors: z.array(paperAuthorSchema).max(10),
  sections: paperSectionsSchema,
  /** How many actions a list on the front pages names before "and 37 more: see Appendix 1". */
  listLimit: z.number().int().min(1).max(500).default(15),
  /** Optional PNG beside the template file, shown at the top of the paper. */
  logoFile: z.string().max(200).optional(),
  /** Optional .docx beside the template file: the council's letterhead, whose styles, header and footer the paper is built on. */
  letterheadFile: z.string().max(200).optional(),
  ...narrativeFields,
});
export type PaperTemplate = Known<z.infer<typeof paperTemplateSchema>>;

/** What a paper reported, so the next one can say what moved since. */
export const paperSnapshotSchema = z.looseObject({
  levels: z.record(z.string(), levelNumberSchema.nullable()),
  statuses: z.record(z.string(), actionStatusSchema),
  /** Actions complete when the paper was made, so "completed since" survives an action being reopened. */
  completed: z.array(idSchema),
});
export type PaperSnapshot = Known<z.infer<typeof paperSnapshotSchema>>;

/**
 * A draft is what the latest export wrote and may be replaced or discarded; an issued paper is what the
 * board was sent and never changes; a withdrawn one stays in the history but is never compared with.
 */
export const PAPER_STATES = ['draft', 'issued', 'withdrawn'] as const;
export type PaperState = (typeof PAPER_STATES)[number];

/** A file the export wrote and its SHA-256, so the copy the board was sent can be told from a later edit. */
export const paperFileChecksumSchema = z.looseObject({
  path: z.string().max(4096),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 written as 64 hexadecimal digits'),
});
export type PaperFileChecksum = Known<z.infer<typeof paperFileChecksumSchema>>;

export const paperWithdrawalSchema = z.looseObject({
  reason: nonEmptyText(1000),
  at: isoDateTimeSchema,
  by: recordedBySchema,
});
export type PaperWithdrawal = Known<z.infer<typeof paperWithdrawalSchema>>;

export const boardPaperRecordSchema = z.looseObject({
  id: idSchema,
  producedAt: isoDateTimeSchema,
  meetingDate: isoDateSchema,
  board: nonEmptyText(200),
  templateId: idSchema,
  subject: nonEmptyText(200),
  purpose: z.array(nonEmptyText(2000)),
  recommendationsIntro: freeText(400),
  recommendations: z.array(nonEmptyText(2000)),
  authors: z.array(paperAuthorSchema),
  sections: paperSectionsSchema,
  files: z.array(z.string().max(4096)),
  snapshot: paperSnapshotSchema,
  state: z.enum(PAPER_STATES, { error: 'must be draft, issued or withdrawn' }),
  checksums: z.array(paperFileChecksumSchema),
  issuedAt: isoDateTimeSchema.nullable(),
  /** Null on papers issued before the app asked who is using it. */
  issuedBy: recordedBySchema.nullable(),
  withdrawal: paperWithdrawalSchema.nullable(),
  ...narrativeFields,
});
export type BoardPaperRecord = Known<z.infer<typeof boardPaperRecordSchema>>;
