import { useEffect, useLayoutEffect, useRef } from 'react';

/** Input types where Ctrl+Z means "undo my typing", so plan-level undo must stay out of the way. */
const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

export interface ShortcutHandlers {
  onFind: () => void;
  onUndo: () => void;
  onRedo: () => void;
  /** False while a dialog is open: undoing under an open editor would leave it showing stale values. */
  undoEnabled: boolean;
}

/** Ctrl/Cmd+K opens the finder anywhere; Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y undo and redo plan changes outside text fields. */
export function useGlobalShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const modifier = event.ctrlKey || event.metaKey;
      if (!modifier || event.altKey || event.repeat) return;
      const key = event.key.toLowerCase();
      const { onFind, onUndo, onRedo, undoEnabled } = latest.current;
      if (key === 'k' && !event.shiftKey) {
        event.preventDefault();
        onFind();
        return;
      }
      if (!undoEnabled || isTextField(event.target)) return;
      if (key === 'z') {
        event.preventDefault();
        if (event.shiftKey) onRedo();
        else onUndo();
      } else if (key === 'y' && !event.shiftKey) {
        event.preventDefault();
        onRedo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
