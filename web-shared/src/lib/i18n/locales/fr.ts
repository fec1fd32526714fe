import type { SharedTranslation } from "./en";

export const fr: SharedTranslation = {
  app: {
    name: "Doorstep",
    loading: "Chargement…",
  },
  language: {
    label: "Langue",
  },
  login: {
    title: "Connexion",
    password: "Mot de passe",
    submit: "Se connecter",
    submitting: "Connexion en cours…",
  },
  session: {
    unreachableTitle: "Impossible de joindre Doorstep",
    unreachableBody: "Vérifiez votre connexion Internet. Nous réessaierons dès que vous serez de nouveau en ligne.",
    retry: "Réessayer",
  },
  errors: {
    network: "Impossible de joindre Doorstep. Vérifiez votre connexion Internet et réessayez.",
    badRequest: "La demande n'a pas pu être traitée.",
    unauthorized: "Votre session a expiré. Veuillez vous reconnecter.",
    invalidCredentials: "L'adresse e-mail ou le mot de passe est incorrect.",
    forbidden: "Vous n'avez pas l'autorisation d'effectuer cette action.",
    notFound: "Cet élément est introuvable.",
    conflict: "Cette modification est en conflit avec l'état actuel. Rechargez la page et réessayez.",
    validation: "Veuillez corriger les champs signalés.",
    rateLimited: "Trop de tentatives. Patientez un instant puis réessayez.",
    server: "Une erreur s'est produite de notre côté. Veuillez réessayer plus tard.",
    unknown: "Une erreur s'est produite. Veuillez réessayer.",
  },
};
