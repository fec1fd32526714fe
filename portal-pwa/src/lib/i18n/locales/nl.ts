import type { Translation } from "./en";

export const nl: Translation = {
  app: {
    name: "Doorstep",
    section: "Huurdersportaal",
    loading: "Laden…",
  },
  shell: {
    skipToContent: "Naar de hoofdinhoud",
    logout: "Afmelden",
    loggingOut: "Bezig met afmelden…",
  },
  language: {
    label: "Taal",
  },
  login: {
    title: "Aanmelden",
    intro: "Meld u aan om uw huur te bekijken.",
    email: "E-mailadres",
    password: "Wachtwoord",
    submit: "Aanmelden",
    submitting: "Bezig met aanmelden…",
  },
  home: {
    greeting: "Hallo {{name}}",
    agency: "Uw verhuurkantoor: {{agency}}",
    leasesSoon: "Uw huurcontracten verschijnen hier.",
  },
  offline: {
    banner: "U bent offline. Dit is de informatie die op dit toestel is bewaard; wijzigen kan pas weer als u online bent.",
  },
  session: {
    unreachableTitle: "Doorstep is niet bereikbaar",
    unreachableBody: "Controleer uw internetverbinding. We proberen het opnieuw zodra u weer online bent.",
    retry: "Opnieuw proberen",
  },
  pwa: {
    updateAvailable: "Er is een nieuwe versie van Doorstep beschikbaar.",
    reload: "Opnieuw laden",
    later: "Niet nu",
    offlineReady: "Doorstep werkt nu ook zonder internetverbinding.",
    dismiss: "OK",
  },
  notFound: {
    title: "Pagina niet gevonden",
    back: "Terug naar de startpagina",
  },
  errors: {
    network: "Doorstep is niet bereikbaar. Controleer uw internetverbinding en probeer het opnieuw.",
    badRequest: "Het verzoek kon niet worden verwerkt.",
    unauthorized: "Uw sessie is verlopen. Meld u opnieuw aan.",
    invalidCredentials: "Het e-mailadres of wachtwoord is onjuist.",
    forbidden: "U hebt geen toestemming om dit te doen.",
    notFound: "Dit item is niet gevonden.",
    conflict: "Deze wijziging botst met de huidige situatie. Laad de pagina opnieuw en probeer het nog eens.",
    validation: "Verbeter de gemarkeerde velden.",
    rateLimited: "Te veel pogingen. Wacht even en probeer het opnieuw.",
    server: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    unknown: "Er ging iets mis. Probeer het opnieuw.",
  },
};
