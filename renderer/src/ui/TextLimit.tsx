/** Characters used of a field's limit, shown while typing so the limit is never a surprise at Save. */
export function TextLimit({ value, max, id }: { value: string; max: number; id?: string }) {
  const near = value.length > max * 0.9;
  return (
    <span
      className={near ? 'hint hint-warn text-limit' : 'hint text-limit'}
      id={id}
      aria-live={near ? 'polite' : 'off'}
    >
      {value.length.toLocaleString('en-GB')} of {max.toLocaleString('en-GB')} characters
    </span>
  );
}
