import type { Translation } from "./en";

export const fr: Translation = {
  app: {
    name: "Doorstep",
    section: "Espace locataire",
    loading: "Chargement…",
  },
  shell: {
    skipToContent: "Aller au contenu principal",
    logout: "Se déconnecter",
    loggingOut: "Déconnexion…",
  },
  language: {
    label: "Langue",
  },
  login: {
    title: "Connexion",
    intro: "Connectez-vous pour consulter votre location.",
    email: "Adresse e-mail",
    password: "Mot de passe",
    submit: "Se connecter",
    submitting: "Connexion en cours…",
  },
  home: {
    greeting: "Bonjour {{name}}",
    agency: "Votre agence : {{agency}}",
    leasesSoon: "Vos baux apparaîtront ici.",
  },
  offline: {
    banner: "Vous êtes hors ligne. Voici les informations enregistrées sur cet appareil ; les modifications sont désactivées jusqu'au retour de la connexion.",
  },
  session: {
    unreachableTitle: "Impossible de joindre Doorstep",
    unreachableBody: "Vérifiez votre connexion Internet. Nous réessaierons dès que vous serez de nouveau en ligne.",
    retry: "Réessayer",
  },
  pwa: {
    updateAvailable: "Une nouvelle version de Doorstep est disponible.",
    reload: "Recharger",
    later: "Plus tard",
    offlineReady: "Doorstep peut maintenant s'ouvrir sans connexion Internet.",
    dismiss: "OK",
  },
  notFound: {
    title: "Page introuvable",
    back: "Retour à la page d'accueil",
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
