// Vitest setup shared by web-shared and both apps (each app's own setup adds its i18n instance).
import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy*/waitFor give up after 1 s by default. A screen's first render (its queries answered by
// the fake API, React committing, the role queries walking jsdom) takes well under that alone but
// several seconds on a loaded two-core CI machine, where tests then fail waiting on nothing wrong.
// 10 s stays well inside the 30 s testTimeout (config/vitest.js), so a page that really never
// shows what a test looks for still fails with testing-library's own message and DOM dump.
configure({ asyncUtilTimeout: 10_000 });

// jsdom lays nothing out and does not implement scrolling; pages scroll to the top on navigation.
window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
});
