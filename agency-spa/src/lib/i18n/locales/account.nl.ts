import type { ScreensTranslation } from "./screens.en";

/** Nederlandse teksten van de accountpagina en de portaaltoegang van een huurder. */
export const accountPageNl: ScreensTranslation["accountPage"] = {
  nav: "Uw account",
  title: "Uw account",
  details: "Wie u bent",
  name: "Naam",
  email: "E-mailadres",
  role: "Rol",
  agency: "Kantoor",
};

export const portalAccessNl: ScreensTranslation["portalAccess"] = {
  title: "Portaaltoegang",
  enabled: "Aan: de huurder kan zich aanmelden op het portaal.",
  disabled: "Uit sinds {{date}}: de huurder kan zich niet aanmelden. Account en gegevens blijven bewaard.",
  noAccount: "De huurder heeft nog geen portaalaccount.",
  disable: "Portaaltoegang uitzetten",
  enable: "Portaaltoegang aanzetten",
  confirmDisable: "De portaaltoegang van {{name}} uitzetten? De huurder wordt meteen op alle toestellen afgemeld en kan zich niet aanmelden tot u de toegang weer aanzet.",
  confirmYes: "Ja, uitzetten",
  cancel: "Annuleren",
  saving: "Bewaren…",
  history: "Geschiedenis",
  eventDisabled: "Uitgezet door {{who}} op {{date}}",
  eventEnabled: "Aangezet door {{who}} op {{date}}",
  someone: "een voormalige collega",
};
