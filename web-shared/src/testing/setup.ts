// Vitest setup shared by web-shared and both apps (each app's own setup adds its i18n instance).
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// jsdom lays nothing out and does not implement scrolling; pages scroll to the top on navigation.
window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
});
