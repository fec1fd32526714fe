import type { ScreensTranslation } from "./screens.en";

/** Chaînes françaises de la page du compte et de l'accès au portail d'un locataire. */
export const accountPageFr: ScreensTranslation["accountPage"] = {
  nav: "Votre compte",
  title: "Votre compte",
  details: "Qui vous êtes",
  name: "Nom",
  email: "Adresse e-mail",
  role: "Rôle",
  agency: "Agence",
};

export const portalAccessFr: ScreensTranslation["portalAccess"] = {
  title: "Accès au portail",
  enabled: "Activé : le locataire peut se connecter au portail.",
  disabled: "Désactivé depuis le {{date}} : le locataire ne peut pas se connecter. Son compte et ses données sont conservés.",
  noAccount: "Le locataire n'a pas encore de compte sur le portail.",
  disable: "Désactiver l'accès au portail",
  enable: "Réactiver l'accès au portail",
  confirmDisable: "Désactiver l'accès au portail de {{name}} ? Ses sessions prennent fin aussitôt sur tous ses appareils et il ne peut plus se connecter tant que vous ne le réactivez pas.",
  confirmYes: "Oui, désactiver",
  cancel: "Annuler",
  saving: "Enregistrement…",
  history: "Historique",
  eventDisabled: "Désactivé par {{who}} le {{date}}",
  eventEnabled: "Réactivé par {{who}} le {{date}}",
  someone: "un ancien collègue",
};
