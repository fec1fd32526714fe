import type { SharedTranslation } from "./en";

export const nl: SharedTranslation = {
  app: {
    name: "Doorstep",
    loading: "Laden…",
  },
  language: {
    label: "Taal",
  },
  login: {
    title: "Aanmelden",
    password: "Wachtwoord",
    submit: "Aanmelden",
    submitting: "Bezig met aanmelden…",
  },
  session: {
    unreachableTitle: "Doorstep is niet bereikbaar",
    unreachableBody: "Controleer uw internetverbinding. We proberen het opnieuw zodra u weer online bent.",
    retry: "Opnieuw proberen",
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
