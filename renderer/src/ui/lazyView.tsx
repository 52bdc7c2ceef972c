import { createElement, useEffect, useState } from 'react';
import type { ComponentType } from 'react';

export interface LazyView<P extends object> {
  View: ComponentType<P>;
  /** Fetches the view's code ahead of its first use, so opening it later does not wait for it. */
  preload: () => Promise<void>;
}

/**
 * A view whose code is fetched apart from the first screen's: the window shows the plan's rows without first
 * parsing every view. Once preloaded it renders at once; before that, opening it shows a short loading line.
 * Once drawn, the view is always the same component in the same place, so what a person typed into it
 * survives the page drawing again (React.lazy inside Suspense, swapped for the loaded component once it
 * was known, put a new view in place of the one being typed into).
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchView = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed fetch is asked for again the next time the view opens, not remembered as failed.
        loading = null;
        throw error;
      },
    ));
  function View(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failure, setFailure] = useState<string | null>(null);
    useEffect(() => {
      if (component) return;
      let shown = true;
      fetchView().then(
        (view) => shown && setComponent(() => view),
        (error: unknown) => shown && setFailure(error instanceof Error ? error.message : String(error)),
      );
      return () => {
        shown = false;
      };
    }, [component]);
    if (failure !== null) {
      return (
        <p className="form-message" role="alert">
          This part of the app could not be loaded ({failure}). Open it again to try once more.
        </p>
      );
    }
    if (!component) {
      return (
        <p className="loading" role="status">
          Loading…
        </p>
      );
    }
    return createElement(component, props);
  }
  return { View, preload: () => fetchView().then(() => undefined) };
}
