import { nl as shared } from "@doorstep/web-shared/lib/i18n/locales/nl";
import type { ShellTranslation } from "./en";

/** Nederlandse teksten van het kader en de aanmeldpagina (geladen vóór de eerste weergave). */
export const shellNl: ShellTranslation = {
  ...shared,
  app: {
    ...shared.app,
    section: "Huurdersportaal",
  },
  shell: {
    skipToContent: "Naar de hoofdinhoud",
    logout: "Afmelden",
    loggingOut: "Bezig met afmelden…",
  },
  login: {
    ...shared.login,
    intro: "Meld u aan om uw huur te bekijken.",
    email: "E-mailadres",
  },
  nav: {
    label: "Hoofdmenu",
    account: "Account",
    home: "Start",
    payments: "Betalingen",
    incidents: "Meldingen",
    messages: "Berichten",
    unread_one: "{{count}} ongelezen bericht",
    unread_other: "{{count}} ongelezen berichten",
    documents: "Documenten",
    profile: "Profiel",
  },
  offline: {
    banner: "U bent offline. Dit is de informatie die op dit toestel is bewaard; wijzigen kan pas weer als u online bent.",
  },
  pwa: {
    updateAvailable: "Er is een nieuwe versie van Doorstep beschikbaar.",
    reload: "Opnieuw laden",
    later: "Niet nu",
    offlineReady: "Doorstep werkt nu ook zonder internetverbinding.",
    dismiss: "OK",
  },
};
