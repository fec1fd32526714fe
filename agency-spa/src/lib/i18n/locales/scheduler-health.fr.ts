import type { ScreensTranslation } from "./screens.en";

/** Chaînes françaises du bandeau sur les travaux planifiés (fr.ts `schedulerHealth`). */
export const schedulerHealthFr: ScreensTranslation["schedulerHealth"] = {
  failing: {
    title: "Des travaux planifiés échouent à répétition.",
    text: "Doorstep réessaie chaque minute ; tant qu'ils n'aboutissent pas, ces travaux attendent pour votre agence. Prévenez votre administrateur.",
  },
  stalled: {
    title: "Les travaux planifiés s'arrêtent avant d'avoir fini.",
    text: "Les factures de loyer, les e-mails, les vérifications de paiements par carte et les remboursements peuvent être en retard. Prévenez votre administrateur.",
  },
  failingWork_one: "{{work}} : échec le {{since}}",
  failingWork_other: "{{work}} : {{count}} échecs d'affilée depuis le {{since}}",
  work: {
    leaseEnds: "Fin des baux arrivés à échéance",
    rentInvoices: "Factures de loyer",
    cardChecks: "Vérification des paiements par carte auprès du prestataire",
    email: "Envoi des e-mails",
    cardRefunds: "Remboursements par carte",
    tasks: "Tâches planifiées",
    tick: "Le cycle entier (il s'est arrêté en cours de route)",
  },
};
