import { createElement, lazy, Suspense } from 'react';
import type { ComponentType } from 'react';

export interface LazyView<P extends object> {
  View: ComponentType<P>;
  /** Fetches the view's code ahead of its first use, so opening it later does not wait for it. */
  preload: () => Promise<void>;
}

/**
 * A view whose code is fetched apart from the first screen's: the window shows the plan's rows without first
 * parsing every view. Once preloaded it renders at once; before that, opening it shows a short loading line.
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
  const Suspended = lazy(async () => ({ default: await fetchView() }));
  function View(props: P) {
    if (loaded) return createElement(loaded, props);
    return (
      <Suspense
        fallback={
          <p className="loading" role="status">
            Loading…
          </p>
        }
      >
        {createElement(Suspended, props)}
      </Suspense>
    );
  }
  return { View, preload: () => fetchView().then(() => undefined) };
}
