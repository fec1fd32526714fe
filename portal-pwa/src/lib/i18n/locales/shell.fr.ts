import { fr as shared } from "@doorstep/web-shared/lib/i18n/locales/fr";
import type { ShellTranslation } from "./en";

/** Chaînes françaises du cadre et de la page de connexion (chargées avant le premier rendu). */
export const shellFr: ShellTranslation = {
  ...shared,
  app: {
    ...shared.app,
    section: "Espace locataire",
  },
  shell: {
    skipToContent: "Aller au contenu principal",
    logout: "Se déconnecter",
    loggingOut: "Déconnexion…",
  },
  login: {
    ...shared.login,
    intro: "Connectez-vous pour consulter votre location.",
    email: "Adresse e-mail",
  },
  nav: {
    label: "Principal",
    account: "Compte",
    home: "Accueil",
    payments: "Paiements",
    incidents: "Incidents",
    messages: "Messages",
    unread_one: "{{count}} message non lu",
    unread_other: "{{count}} messages non lus",
    documents: "Documents",
    profile: "Profil",
  },
  offline: {
    banner: "Vous êtes hors ligne. Voici les informations enregistrées sur cet appareil ; les modifications sont désactivées jusqu'au retour de la connexion.",
  },
  pwa: {
    updateAvailable: "Une nouvelle version de Doorstep est disponible.",
    reload: "Recharger",
    later: "Plus tard",
    offlineReady: "Doorstep peut maintenant s'ouvrir sans connexion Internet.",
    dismiss: "OK",
  },
};
