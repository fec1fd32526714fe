import type { Translation } from "./en";

export const nl: Translation = {
  app: {
    name: "Doorstep",
    section: "Kantoor",
    loading: "Laden…",
  },
  nav: {
    label: "Hoofdmenu",
    properties: "Panden",
    units: "Wooneenheden",
    tenants: "Huurders",
    leases: "Huurcontracten",
  },
  shell: {
    skipToContent: "Naar de hoofdinhoud",
    name: "Naam",
    role: "Rol",
    agency: "Kantoor",
    account: "Aangemeld account",
    logout: "Afmelden",
    loggingOut: "Bezig met afmelden…",
  },
  roles: {
    owner: "Eigenaar",
    manager: "Beheerder",
    accountant: "Boekhouder",
    viewer: "Alleen lezen",
  },
  language: {
    label: "Taal",
  },
  login: {
    title: "Aanmelden",
    intro: "Meld u aan met uw medewerkersaccount van het kantoor.",
    email: "E-mailadres",
    password: "Wachtwoord",
    submit: "Aanmelden",
    submitting: "Bezig met aanmelden…",
  },
  session: {
    unreachableTitle: "Doorstep is niet bereikbaar",
    unreachableBody: "Controleer uw internetverbinding. We proberen het opnieuw zodra u weer online bent.",
    retry: "Opnieuw proberen",
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
