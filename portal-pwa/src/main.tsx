import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { i18nReady } from "@/lib/i18n/i18n";
import { App } from "@/app/App";
import { bootstrapSession } from "@/app/session-bootstrap";
import "@/app/styles.css";

bootstrapSession();
// Every page but the login page needs the query library and the signed-in shell (a screen
// behind the login, a public link): fetch them alongside the session's start-up refresh rather
// than after it.
if (!window.location.pathname.endsWith("/login")) void import("@/app/signed-in");

const container = document.getElementById("root");
if (container === null) throw new Error("index.html has no #root element");

// The first screen waits for its language's strings (one small chunk) rather than flash keys.
void i18nReady.then(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
