import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, FocusEvent, ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { defaultRangeExtractor, useWindowVirtualizer } from '@tanstack/react-virtual';
import type { Range, VirtualItem } from '@tanstack/react-virtual';
import type { AreaGroup } from '../../../../shared/domain/filters';
import type { Action, ActionStatus } from '../../../../shared/model/action';
import type { Area } from '../../../../shared/model/matrix';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { isStepOverdue, overdueStepCount, ownTimescaleState } from '../../../../shared/domain/derived';
import { leadsToText } from '../../../../shared/domain/leads';
import { StatusSelect } from '../../ui/StatusSelect';
import { formatDate } from '../../ui/format';
import './actionPlanTable.css';
import { ActionNumberLink } from '../../ui/ActionNumberLink';

interface Props {
  doc: PlanDocument;
  groups: readonly AreaGroup[];
  /** False while the page holds only the first actions: an area's count would then be short. */
  countsKnown?: boolean;
  today: IsoDate;
  onOpen: (action: Action) => void;
  onStatus: (action: Action, status: ActionStatus) => void;
}

/**
 * Plans with at most this many table rows (area headers + actions) are rendered whole: simplest, and the
 * browser's own find (Ctrl+F) and every row's focus order work as on any page. Bigger plans render only the
 * rows near the viewport (plus the focused row and the current area's header), page-scrolled, so 5,000 or
 * 20,000 actions cost the same as a few dozen. Printing always renders every row. A real plan of 150 actions
 * is past it: drawn whole, its rows took a visible moment each time the Action plan was opened again.
 */
const RENDER_ALL_UP_TO = 60;
/**
 * Rows rendered beyond each edge of the viewport, so Tab and Shift+Tab always find the next row in the DOM.
 * None on the first screen, drawn outside a page: nothing on it takes the focus, and every row more is more
 * for a new window to lay out before it shows any.
 */
const OVERSCAN = typeof window === 'undefined' ? 0 : 8;
const COLUMNS = 8;

type Item =
  | { kind: 'area'; key: string; area: Area; count: number; header: number }
  | { kind: 'action'; key: string; action: Action; header: number };

interface RowCallbacks {
  onOpen: (action: Action) => void;
  onStatus: (action: Action, status: ActionStatus) => void;
}

/** The action's own timescale and its late next steps are two things, each flagged in words. */
function DueFlag({ action, today, nextBoardDate }: { action: Action; today: IsoDate; nextBoardDate: IsoDate | null }) {
  const own = ownTimescaleState(action, today, nextBoardDate);
  const lateSteps = overdueStepCount(action, today);
  return (
    <>
      {own === 'overdue' && <span className="flag flag-overdue">Overdue</span>}
      {own === 'due_before_board' && <span className="flag flag-soon">Due before board</span>}
      {lateSteps > 0 && (
        <span className="flag flag-overdue">
          {lateSteps === 1 ? 'A next step is overdue' : `${lateSteps} next steps overdue`}
        </span>
      )}
    </>
  );
}

function Timescale({ text, due }: { text: string; due: string | null }) {
  return (
    <span className="timescale" title={due ? `Due ${formatDate(due)}` : 'No date recognised'}>
      {text || '—'}
    </span>
  );
}

interface ActionRowProps extends RowCallbacks {
  action: Action;
  levelName: string;
  today: IsoDate;
  nextBoardDate: IsoDate | null;
  /** Position in the flat list; set (with `measure`) only when the table is virtualised. */
  index?: number;
  measure?: (node: HTMLTableRowElement | null) => void;
}

/** One action. Memoised: scrolling and filtering re-render the table, but an unchanged action's row is not redone. */
const ActionRow = memo(function ActionRow({
  action,
  levelName,
  today,
  nextBoardDate,
  index,
  measure,
  onOpen,
  onStatus,
}: ActionRowProps) {
  return (
    <tr
      data-action-id={action.id}
      data-index={index}
      aria-rowindex={index === undefined ? undefined : index + 2}
      ref={measure}
    >
      <td className="col-level" title={levelName}>
        {action.progressLevel}
        {action.targetLevel !== null && (
          <span className="target-level">
            <span aria-hidden="true"> → {action.targetLevel}</span>
            <span className="visually-hidden">, aims for level {action.targetLevel}</span>
          </span>
        )}
      </td>
      <td className="col-number">
        <ActionNumberLink action={action} onOpen={onOpen} />
      </td>
      <td className="col-description">
        <button type="button" className="text-link" onClick={() => onOpen(action)}>
          {action.description}
        </button>
      </td>
      <td className="col-achievement">{action.achievement}</td>
      <td className="col-steps">
        {action.nextSteps.length > 0 && (
          <ul className="steps">
            {action.nextSteps.map((step) => (
              <li key={step.id} className={step.done ? 'done' : undefined}>
                <span className="step-text">
                  {step.done && <span className="visually-hidden">Done: </span>}
                  {step.text}
                </span>
                {(step.leads.length > 0 || step.timescale.text) && (
                  <span className="step-meta">
                    {leadsToText(step.leads)}
                    {step.leads.length > 0 && step.timescale.text ? ' · ' : ''}
                    {step.timescale.text && <Timescale text={step.timescale.text} due={step.timescale.due} />}
                    {isStepOverdue(action, step, today) && <span className="flag flag-overdue">Overdue</span>}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="col-lead">{leadsToText(action.leads)}</td>
      <td className="col-timescale">
        <Timescale text={action.timescale.text} due={action.timescale.due} />
        <DueFlag action={action} today={today} nextBoardDate={nextBoardDate} />
      </td>
      <td className="col-status">
        <StatusSelect
          value={action.status}
          label={`Status of action ${action.number}`}
          onChange={(status) => onStatus(action, status)}
        />
      </td>
    </tr>
  );
});

const AreaRow = memo(function AreaRow({
  area,
  count,
  index,
  measure,
}: {
  area: Area;
  count: number | null;
  index?: number;
  measure?: (node: HTMLTableRowElement | null) => void;
}) {
  return (
    <tr
      className="area-row"
      data-index={index}
      aria-rowindex={index === undefined ? undefined : index + 2}
      ref={measure}
    >
      <th scope="rowgroup" colSpan={COLUMNS}>
        {area.name} {count !== null && <span className="area-count">({count})</span>}
      </th>
    </tr>
  );
});

function TableHead() {
  return (
    <thead>
      <tr aria-rowindex={1}>
        <th scope="col" className="col-level">
          Level
        </th>
        <th scope="col" className="col-number">
          No.
        </th>
        <th scope="col" className="col-description">
          Description
        </th>
        <th scope="col" className="col-achievement">
          Achievement to date
        </th>
        <th scope="col" className="col-steps">
          Next steps
        </th>
        <th scope="col" className="col-lead">
          Lead
        </th>
        <th scope="col" className="col-timescale">
          Timescale
        </th>
        <th scope="col" className="col-status">
          Status
        </th>
      </tr>
    </thead>
  );
}

/** The grouped plan as one flat list: each area's header row, then its actions in number order. */
function flatten(groups: readonly AreaGroup[]): Item[] {
  const items: Item[] = [];
  for (const { area, actions } of groups) {
    if (actions.length === 0) continue;
    const header = items.length;
    items.push({ kind: 'area', key: `area:${area.id}`, area, count: actions.length, header });
    for (const action of actions) items.push({ kind: 'action', key: action.id, action, header });
  }
  return items;
}

/** Keeps the latest callbacks behind stable functions, so a parent's inline arrows do not re-render every row. */
function useStableCallbacks({ onOpen, onStatus }: RowCallbacks): RowCallbacks {
  const latest = useRef<RowCallbacks>({ onOpen, onStatus });
  useLayoutEffect(() => {
    latest.current = { onOpen, onStatus };
  });
  return useMemo(
    () => ({
      onOpen: (action: Action) => latest.current.onOpen(action),
      onStatus: (action: Action, status: ActionStatus) => latest.current.onStatus(action, status),
    }),
    [],
  );
}

interface RowContext extends RowCallbacks {
  countsKnown: boolean;
  levelNames: readonly string[];
  today: IsoDate;
  nextBoardDate: IsoDate | null;
}

function renderItem(
  item: Item,
  context: RowContext,
  index?: number,
  measure?: (node: HTMLTableRowElement | null) => void,
): ReactNode {
  if (item.kind === 'area')
    return (
      <AreaRow
        key={item.key}
        area={item.area}
        count={context.countsKnown ? item.count : null}
        index={index}
        measure={measure}
      />
    );
  const { action } = item;
  return (
    <ActionRow
      key={item.key}
      action={action}
      levelName={context.levelNames[action.progressLevel - 1] ?? String(action.progressLevel)}
      today={context.today}
      nextBoardDate={context.nextBoardDate}
      index={index}
      measure={measure}
      onOpen={context.onOpen}
      onStatus={context.onStatus}
    />
  );
}

/** Every row, one tbody per area: small plans, and printing. */
function AllRows({ items, context }: { items: readonly Item[]; context: RowContext }) {
  const bodies: ReactNode[] = [];
  for (let start = 0; start < items.length;) {
    const head = items[start]! as Extract<Item, { kind: 'area' }>;
    const end = start + 1 + head.count;
    bodies.push(
      <tbody key={head.key} aria-label={head.area.name}>
        {items.slice(start, end).map((item) => renderItem(item, context))}
      </tbody>,
    );
    start = end;
  }
  return <>{bodies}</>;
}

function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr className="plan-spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS} />
    </tr>
  );
}

const AREA_ROW_HEIGHT = 31;

/**
 * A guess at an action row's height before it is measured, from how many lines its longest cell wraps to at
 * the column widths the table has now (at 1440 px wide it is within a few pixels of the measured height for
 * generated plans). Close guesses keep the scrollbar steady; measurement then corrects each row.
 */
function estimateHeight(action: Action, charsPerLine: number): number {
  const lines = (text: string, chars: number) => Math.max(1, Math.ceil(text.length / chars));
  const textLines = Math.max(lines(action.description, charsPerLine), lines(action.achievement, charsPerLine));
  const stepChars = charsPerLine * 1.3;
  let stepLines = 0;
  for (const step of action.nextSteps) stepLines += lines(step.text, stepChars) + 1.2;
  return Math.round(17 + 19.6 * Math.max(textLines, stepLines, 2.3));
}

/**
 * The window's size. The first screen is drawn before there is a window (renderer/src/firstScreen): it takes a
 * window filling a large monitor's height, so it holds the rows nearly any window shows at first.
 */
function windowSize(): { width: number; height: number } {
  return typeof window === 'undefined'
    ? { width: 1440, height: 1300 }
    : { width: window.innerWidth, height: window.innerHeight };
}

/** Characters per line of the Description column: measured from its heading, guessed from the window at first. */
function charsPerLine(table: HTMLTableElement | null): number {
  const heading = table?.querySelector('thead th.col-description');
  const width = heading ? heading.clientWidth : (windowSize().width - 48) * 0.19;
  return Math.max(12, Math.round((width - 16) / 7.1));
}

function VirtualRows({
  items,
  context,
  table,
}: {
  items: readonly Item[];
  context: RowContext;
  table: HTMLTableElement | null;
}) {
  const firstBody = useRef<HTMLTableSectionElement | null>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [printing, setPrinting] = useState(false);
  /** The row holding the keyboard focus stays rendered however far it is scrolled away, so focus is not lost. */
  const focused = useRef<{ key: string; index: number } | null>(null);
  /** Estimates per action at the current column width; a new width starts a new cache. */
  const [estimates] = useState(() => ({
    current: { chars: charsPerLine(table), sizes: new WeakMap<Action, number>() },
  }));

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = new Set(defaultRangeExtractor(range));
      // The current area's header, which sticks under the column headings while its actions scroll past.
      const current = items[range.startIndex];
      if (current) indexes.add(current.header);
      const held = focused.current;
      if (held) {
        // Its index moves when a filter changes the list: look it up again then (a scan, but only then).
        if (items[held.index]?.key !== held.key) held.index = items.findIndex((item) => item.key === held.key);
        if (held.index >= 0) indexes.add(held.index);
        else focused.current = null; // Filtered out: its element, and the focus, are gone.
      }
      return [...indexes].sort((a, b) => a - b);
    },
    [items],
  );

  // Stable per list: the virtualizer recomputes every row's offset when these change.
  const estimateSize = useCallback(
    (index: number) => {
      const item = items[index]!;
      if (item.kind === 'area') return AREA_ROW_HEIGHT;
      const { chars, sizes } = estimates.current;
      let size = sizes.get(item.action);
      if (size === undefined) sizes.set(item.action, (size = estimateHeight(item.action, chars)));
      return size;
    },
    // `estimates` is one box for the component's life (see below); listing it would only confuse the compiler.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items],
  );
  const getItemKey = useCallback((index: number) => items[index]!.key, [items]);
  const virtualizer = useWindowVirtualizer<HTMLTableRowElement>({
    count: items.length,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    scrollMargin,
    rangeExtractor,
    initialRect: windowSize(),
  });

  // Where the rows start on the page: it moves when a notice appears or the toolbar wraps. A new column
  // width makes every row's height, measured or guessed, stale. `estimates` is a mutable cache on purpose:
  // replacing it through state would render every row again for a guess nobody sees.
  /* eslint-disable react-hooks/immutability */
  useLayoutEffect(() => {
    const measure = () => {
      const top = firstBody.current?.getBoundingClientRect().top;
      if (top !== undefined) setScrollMargin(Math.round(top + window.scrollY));
      // Not for a scrollbar coming or going (a filter that leaves a few rows): only for a real resize.
      const chars = charsPerLine(table);
      if (Math.abs(chars - estimates.current.chars) >= 2) {
        estimates.current = { chars, sizes: new WeakMap() };
        virtualizer.measure();
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [table, virtualizer, estimates]);
  /* eslint-enable react-hooks/immutability */

  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  const onFocus = (event: FocusEvent<HTMLTableSectionElement>) => {
    const row = (event.target as Element).closest('tr[data-index]');
    const index = row ? Number(row.getAttribute('data-index')) : NaN;
    const item = items[index];
    focused.current = item ? { key: item.key, index } : null;
  };
  const onBlur = (event: FocusEvent<HTMLTableSectionElement>) => {
    // Focus moving elsewhere on the page lets the row go; a window losing focus does not.
    if (event.relatedTarget && !table?.contains(event.relatedTarget)) focused.current = null;
  };

  if (printing) return <AllRows items={items} context={context} />;

  // Consecutive rows of one area share a tbody; the space of rows not rendered is kept by spacer rows.
  const virtualItems = virtualizer.getVirtualItems();
  const bodies: { header: number; rows: ReactNode[] }[] = [];
  let cursor = scrollMargin;
  virtualItems.forEach((virtual: VirtualItem) => {
    const item = items[virtual.index]!;
    let body = bodies.at(-1);
    if (body?.header !== item.header) bodies.push((body = { header: item.header, rows: [] }));
    body.rows.push(<Spacer key={`gap-${virtual.index}`} height={virtual.start - cursor} />);
    body.rows.push(renderItem(item, context, virtual.index, virtualizer.measureElement));
    cursor = virtual.end;
  });
  const after = scrollMargin + virtualizer.getTotalSize() - cursor;
  if (bodies.length === 0) bodies.push({ header: 0, rows: [] });
  bodies.at(-1)!.rows.push(<Spacer key="gap-end" height={after} />);

  return (
    <>
      {bodies.map((body, position) => {
        const head = items[body.header];
        return (
          <tbody
            key={head?.key ?? 'empty'}
            ref={position === 0 ? firstBody : undefined}
            aria-label={head?.kind === 'area' ? head.area.name : undefined}
            onFocus={onFocus}
            onBlur={onBlur}
          >
            {body.rows}
          </tbody>
        );
      })}
    </>
  );
}

/** The plan laid out like the printed table: one block per matrix area, its actions in number order. */
export function ActionPlanTable({ doc, groups, countsKnown = true, today, onOpen, onStatus }: Props) {
  const callbacks = useStableCallbacks({ onOpen, onStatus });
  const items = useMemo(() => flatten(groups), [groups]);
  const levels = doc.matrix.levels;
  const levelNames = useMemo(() => levels.map((level) => level.name), [levels]);
  const nextBoardDate = doc.plan.nextBoardDate;
  const context = useMemo<RowContext>(
    () => ({ ...callbacks, countsKnown, levelNames, today, nextBoardDate }),
    [callbacks, countsKnown, levelNames, today, nextBoardDate],
  );
  const [table, setTable] = useState<HTMLTableElement | null>(null);
  const [headHeight, setHeadHeight] = useState(33);

  useLayoutEffect(() => {
    const head = table?.tHead;
    if (!head) return;
    const observer = new ResizeObserver(() => setHeadHeight(head.offsetHeight));
    observer.observe(head);
    return () => observer.disconnect();
  }, [table]);

  if (items.length === 0) return <p className="empty">No actions match these filters.</p>;
  const virtual = items.length > RENDER_ALL_UP_TO;
  return (
    <table
      ref={setTable}
      className={virtual ? 'plan-table action-plan-table is-virtual' : 'plan-table action-plan-table'}
      aria-rowcount={virtual ? items.length + 1 : undefined}
      style={{ '--plan-head-height': `${headHeight}px` } as CSSProperties}
    >
      <TableHead />
      {virtual ? (
        <VirtualRows items={items} context={context} table={table} />
      ) : (
        <AllRows items={items} context={context} />
      )}
    </table>
  );
}
