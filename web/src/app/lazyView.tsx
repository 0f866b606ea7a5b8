import { lazy, useState, type ComponentType, type JSX } from 'react';

export interface LazyView<P> {
  (props: P): JSX.Element;
  /** Starts loading the view's chunk (start-up calls it for the route it opens on). */
  preload: () => Promise<unknown>;
}

/**
 * React.lazy for a view that may be loaded before it renders: a view whose chunk is already in
 * renders straight away instead of suspending for a frame behind the loading fallback.
 */
export function lazyView<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyView<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        // Not kept: a failed preload leaves the view's first render to ask for the chunk again.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(preload);
  function View(props: P) {
    // Fixed for the life of this element: switching component types would remount the view.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return Object.assign(View, { preload });
}
