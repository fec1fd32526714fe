import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { i18nReady } from "@/lib/i18n/i18n";
import { App } from "@/app/App";
import { bootstrapSession } from "@/app/session-bootstrap";
import "@/app/styles.css";

bootstrapSession();

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
