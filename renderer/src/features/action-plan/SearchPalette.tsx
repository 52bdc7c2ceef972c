import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { searchActions } from '../../../../shared/domain/filters';
import { leadsToText } from '../../../../shared/domain/leads';
import type { Action } from '../../../../shared/model/action';
import type { PlanDocument } from '../../../../shared/model/plan';
import type { IsoDate } from '../../../../shared/model/primitives';
import { keepTabInDialog } from '../../ui/dialogFocus';
import { StatusBadge } from '../../ui/StatusBadge';

const LIMIT = 50;

interface Props {
  doc: PlanDocument;
  today: IsoDate;
  onOpen: (action: Action) => void;
  onClose: () => void;
}

/**
 * Ctrl+K: find an action by number, words, next steps or lead. Matches come from filterActions, in plan
 * number order, with an action whose number is exactly what was typed first.
 */
export function SearchPalette({ doc, today, onOpen, onClose }: Props) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const idBase = useId();
  const listId = `${idBase}-results`;
  const optionId = (index: number) => `${idBase}-option-${index}`;

  const results = useMemo(() => searchActions(doc, text, today, LIMIT), [doc, text, today]);
  const areaName = useMemo(() => new Map(doc.matrix.areas.map((area) => [area.id, area.name])), [doc]);

  useEffect(() => {
    // Focus goes back where it was when the finder closes (the editor, if one opens, takes it from there).
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => previous?.focus();
  }, []);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (action: Action | undefined) => {
    if (!action) return;
    onClose();
    onOpen(action);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    keepTabInDialog(event);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => Math.min(index + 1, results.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(results[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div
      className="overlay palette-overlay"
      role="presentation"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div className="palette" role="dialog" aria-modal="true" aria-label="Find an action" onKeyDown={onKeyDown}>
        <label className="palette-field">
          <span className="visually-hidden">Find an action</span>
          <input
            ref={input}
            type="search"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={results[active] ? optionId(active) : undefined}
            placeholder="Action number, words, next step or lead…"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setActive(0);
            }}
          />
        </label>
        <ul className="palette-results" id={listId} role="listbox" aria-label="Matching actions" ref={list}>
          {results.map((action, index) => (
            <li
              key={action.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              data-index={index}
              className={index === active ? 'active' : undefined}
              onMouseMove={() => setActive(index)}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(action);
              }}
            >
              <span className="palette-number">{action.number}</span>
              <span className="palette-main">
                <span className="palette-description">{action.description}</span>
                <span className="palette-meta">
                  {areaName.get(action.areaId)}
                  {action.leads.length > 0 && <> · {leadsToText(action.leads)}</>}
                </span>
              </span>
              <StatusBadge status={action.status} />
            </li>
          ))}
        </ul>
        {results.length === 0 && <p className="palette-empty">No action matches “{text.trim()}”.</p>}
        <p className="palette-help" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </p>
      </div>
    </div>
  );
}
