/** A column's heading: its words, or words only a screen reader hears where the column holds buttons. */
export type Column = string | { title: string; className?: string; hidden?: boolean };

/** A table's one header row, every column named. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { title, className, hidden } =
            typeof column === 'string' ? { title: column, className: undefined, hidden: false } : column;
          return (
            <th key={title} scope="col" className={className}>
              {hidden ? <span className="visually-hidden">{title}</span> : title}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
