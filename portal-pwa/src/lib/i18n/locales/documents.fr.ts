import type { ScreensTranslation } from "./en";

/** Chaînes françaises des écrans des documents. */
export const documentsFr: ScreensTranslation["documents"] = {
  title: "Documents",
  intro: "Votre bail, vos états des lieux, reçus, relevés et certificats. La liste reste lisible hors ligne ; le téléchargement demande une connexion.",
  latestTitle: "Derniers documents",
  seeAll: "Tous les documents",
  filter: "Afficher",
  allKinds: "Tous les documents",
  empty: "Pas encore de documents. Les documents de votre agence et vos reçus apparaîtront ici.",
  emptyKind: "Aucun document de ce type.",
  loadMore: "Afficher plus",
  loadingMore: "Chargement…",
  download: "Télécharger",
  downloadNamed: "Télécharger {{name}}",
  downloading: "Téléchargement…",
  downloadOffline: "Le téléchargement demande une connexion.",
  receiptTitle: "Reçu n° {{number}}",
  statementTitle: "Relevé de compte {{year}}",
  statementUntil: "jusqu'au {{date}}",
  year: "Année {{year}}",
  kind: {
    signed_lease: "Bail signé",
    condition_report_move_in: "État des lieux d'entrée",
    condition_report_move_out: "État des lieux de sortie",
    expense_statement: "Décompte de charges",
    account_statement: "Relevé de compte",
    receipt: "Reçu",
    certificate: "Certificat",
    other: "Autre document",
  },
};
