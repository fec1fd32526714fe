import { lazy, type ComponentType, type LazyExoticComponent } from "react";

/**
 * A screen (a component without props) of a module loaded the first time it renders, so each
 * route's code is its own chunk, fetched when the route is visited. React.lazy wants a default
 * export; the routes export their screens by name.
 */
export function lazyRoute<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] }));
}
