import { createElement, lazy, type ComponentType } from "react";

const preloaders: (() => Promise<void>)[] = [];

/**
 * A screen (a component without props) of a module loaded the first time it renders, so each
 * route's code is its own chunk, fetched when the route is visited: the nearest Suspense shows
 * its loading state meanwhile. Once loaded, the screen renders directly (no suspending again).
 * React.lazy wants a default export; the routes export their screens by name.
 */
export function lazyRoute<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): ComponentType {
  let loaded: ComponentType | undefined;
  const fetchScreen = async () => {
    loaded = (await load())[name];
    return loaded;
  };
  const Pending = lazy(async () => ({ default: await fetchScreen() }));
  function LazyRoute() {
    return createElement(loaded ?? Pending);
  }
  LazyRoute.displayName = `LazyRoute(${name})`;
  preloaders.push(async () => {
    await fetchScreen();
  });
  return LazyRoute;
}

/**
 * Loads every screen declared with {@link lazyRoute} so far. Tests call it first, so a screen
 * appears on its first render as it did before routes were split, however slow the machine.
 */
export async function preloadRoutes(): Promise<void> {
  await Promise.all(preloaders.map((preload) => preload()));
}
