import type { Translation } from "./en";

export const fr: Translation = {
  app: {
    name: "Doorstep",
    section: "Agence",
    loading: "Chargement…",
  },
  nav: {
    label: "Principal",
    properties: "Biens",
    units: "Logements",
    tenants: "Locataires",
    leases: "Baux",
  },
  shell: {
    skipToContent: "Aller au contenu principal",
    name: "Nom",
    role: "Rôle",
    agency: "Agence",
    account: "Compte connecté",
    logout: "Se déconnecter",
    loggingOut: "Déconnexion…",
  },
  roles: {
    owner: "Propriétaire",
    manager: "Gestionnaire",
    accountant: "Comptable",
    viewer: "Lecteur",
  },
  language: {
    label: "Langue",
  },
  login: {
    title: "Connexion",
    intro: "Connectez-vous avec votre compte collaborateur de l'agence.",
    email: "Adresse e-mail",
    password: "Mot de passe",
    submit: "Se connecter",
    submitting: "Connexion en cours…",
  },
  session: {
    unreachableTitle: "Impossible de joindre Doorstep",
    unreachableBody: "Vérifiez votre connexion Internet. Nous réessaierons dès que vous serez de nouveau en ligne.",
    retry: "Réessayer",
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
