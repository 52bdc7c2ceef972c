import { useFieldArray } from 'react-hook-form';
import type { Control, UseFormRegister } from 'react-hook-form';
import type { ExtraAppendix, NarrativeSection } from '../../../../shared/model/boardPaper';

/** The form fields the narrative editors fill; the rest of the paper form is not theirs. */
interface NarrativeFields {
  narrative: NarrativeSection[];
  extraAppendices: ExtraAppendix[];
}

interface Props {
  control: Control<NarrativeFields>;
  register: UseFormRegister<NarrativeFields>;
  /** What the first section is numbered: the author's sections follow Purpose (1) and Recommendations (2). */
  firstNumber: number;
}

/** The author's own sections (Background first), each a title with paragraphs and bullet points. */
export function NarrativeSections({ control, register, firstNumber }: Props) {
  const sections = useFieldArray({ control, name: 'narrative', keyName: 'key' });
  return (
    <fieldset className="paper-narrative">
      <legend>Sections of your own</legend>
      {sections.fields.map((section, index) => (
        <SectionEditor
          key={section.key}
          control={control}
          register={register}
          index={index}
          number={firstNumber + index}
          onRemove={() => sections.remove(index)}
        />
      ))}
      <button
        type="button"
        onClick={() =>
          sections.append({
            title: sections.fields.length === 0 ? 'Background' : '',
            paragraphs: [{ text: '', bullet: false }],
          })
        }
      >
        Add a section
      </button>
    </fieldset>
  );
}

function SectionEditor({
  control,
  register,
  index,
  number,
  onRemove,
}: {
  control: Control<NarrativeFields>;
  register: UseFormRegister<NarrativeFields>;
  index: number;
  number: number;
  onRemove: () => void;
}) {
  const paragraphs = useFieldArray({ control, name: `narrative.${index}.paragraphs`, keyName: 'key' });
  return (
    <div className="narrative-section" role="group" aria-label={`Section ${number}`}>
      <label className="wide">
        {number} Section title
        <input {...register(`narrative.${index}.title`)} />
      </label>
      {paragraphs.fields.map((paragraph, at) => (
        <div key={paragraph.key} className="narrative-paragraph">
          <label>
            Paragraph {at + 1}
            <textarea rows={3} {...register(`narrative.${index}.paragraphs.${at}.text`)} />
          </label>
          <label className="checkbox">
            <input type="checkbox" {...register(`narrative.${index}.paragraphs.${at}.bullet`)} />
            Bullet point
          </label>
          <button type="button" className="link" onClick={() => paragraphs.remove(at)}>
            Remove paragraph
          </button>
        </div>
      ))}
      <div className="narrative-actions">
        <button type="button" onClick={() => paragraphs.append({ text: '', bullet: false })}>
          Add a paragraph
        </button>
        <button type="button" onClick={() => paragraphs.append({ text: '', bullet: true })}>
          Add a bullet point
        </button>
        <button type="button" className="link" onClick={onRemove}>
          Remove section {number}
        </button>
      </div>
    </div>
  );
}

/** Appendices the board receives that the app does not write, listed before the generated action plan. */
export function ExtraAppendices({ control, register }: Omit<Props, 'firstNumber'>) {
  const appendices = useFieldArray({ control, name: 'extraAppendices', keyName: 'key' });
  return (
    <fieldset className="paper-narrative">
      <legend>Appendices supplied separately</legend>
      {appendices.fields.map((appendix, index) => (
        <div key={appendix.key} className="narrative-paragraph" role="group" aria-label={`Appendix ${index + 1}`}>
          <label>
            Appendix {index + 1} title
            <input {...register(`extraAppendices.${index}.title`)} />
          </label>
          <label>
            Note
            <input placeholder="supplied separately" {...register(`extraAppendices.${index}.note`)} />
          </label>
          <button type="button" className="link" onClick={() => appendices.remove(index)}>
            Remove appendix
          </button>
        </div>
      ))}
      <button type="button" onClick={() => appendices.append({ title: '', note: 'supplied separately' })}>
        Add an appendix
      </button>
    </fieldset>
  );
}
