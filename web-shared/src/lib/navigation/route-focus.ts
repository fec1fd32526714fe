import { useEffect, useRef, type RefObject } from "react";
import { NavigationType, useLocation, useNavigationType } from "react-router";

/** The heading that names a page: the first level-one heading inside the main region. */
function pageHeading(main: HTMLElement): HTMLElement | null {
  return main.querySelector<HTMLElement>("h1");
}

function focusWithoutScrolling(element: HTMLElement) {
  // A heading is not focusable by itself; -1 lets a script focus it without adding a tab stop.
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
}

/**
 * What a new page does in a single-page app that the browser does for a new document: after a
 * link or a redirect to another page (another path), the page starts at its top and focus moves
 * to the page's heading, so a screen reader announces the new page and the keyboard continues
 * from it (not from the link in the old page that no longer exists). A page still loading gets
 * its heading focused when it appears; until then the main region has focus.
 *
 * A page that focuses an element of its own when it opens (a deep link to one payment) keeps it.
 *
 * Going back or forward (a POP) keeps the browser's own behaviour: React Router leaves scrolling
 * alone and the browser restores where the reader was. Changes of the query or the hash alone
 * (filters, the skip link) are the same page and change nothing.
 *
 * `main` is the app shell's main region (with tabIndex -1, as the skip link needs anyway).
 */
export function useRouteFocus(main: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const previous = useRef(pathname);

  useEffect(() => {
    if (previous.current === pathname) return undefined;
    previous.current = pathname;
    const region = main.current;
    if (navigationType === NavigationType.Pop || region === null) return undefined;
    // A page that put focus on something of its own (the payment a link pointed to) has said
    // where the reader starts: its effects run before the shell's, so leave that alone.
    const active = document.activeElement;
    if (active !== null && active !== region && region.contains(active)) return undefined;

    window.scrollTo({ top: 0, left: 0 });
    const heading = pageHeading(region);
    if (heading !== null) {
      focusWithoutScrolling(heading);
      return undefined;
    }
    region.focus({ preventScroll: true });
    // The page renders its heading once its data arrives: focus it then, unless the reader
    // has moved on (focus left the main region) or the page changed again (cleanup).
    const observer = new MutationObserver(() => {
      const arrived = pageHeading(region);
      if (arrived === null) return;
      observer.disconnect();
      if (document.activeElement === region) focusWithoutScrolling(arrived);
    });
    observer.observe(region, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
    };
  }, [pathname, navigationType, main]);
}
