import { en as shared } from "@doorstep/web-shared/lib/i18n/locales/en";

/**
 * English: the source of truth for message keys; fr and nl must define every key. The shared
 * strings (login, session, errors…) come from web-shared; this app adds its own on top.
 */
export const en = {
  ...shared,
  app: {
    ...shared.app,
    section: "Tenant portal",
  },
  shell: {
    skipToContent: "Skip to main content",
    logout: "Log out",
    loggingOut: "Logging out…",
  },
  login: {
    ...shared.login,
    intro: "Sign in to see your tenancy.",
    email: "Email",
  },
  nav: {
    label: "Main",
    home: "Home",
    profile: "Profile",
  },
  home: {
    title: "Home",
    greeting: "Hello, {{name}}",
    agency: "Your letting agency: {{agency}}",
    nextDue: {
      title: "Next rent due",
      date: "Due on {{date}}",
      forHome: "For {{home}}",
      nothingDue: "No rent is due: none of your leases is running.",
    },
    leases: {
      title: "My leases",
      emptyTitle: "No leases yet",
      emptyBody: "When your letting agency adds you to a lease, it will appear here.",
    },
  },
  lease: {
    home: "{{property}}, {{unit}}",
    status: {
      draft: "Draft",
      active: "Active",
      ended: "Ended",
      cancelled: "Cancelled",
    },
    rentPer: {
      weekly: "{{amount}} per week",
      fortnightly: "{{amount}} every two weeks",
      monthly: "{{amount}} per month",
    },
    frequency: {
      weekly: "Weekly",
      fortnightly: "Every two weeks",
      monthly: "Monthly",
    },
    dayOrdinal_ordinal_one: "{{count}}st",
    dayOrdinal_ordinal_two: "{{count}}nd",
    dayOrdinal_ordinal_few: "{{count}}rd",
    dayOrdinal_ordinal_other: "{{count}}th",
    dueDay: {
      monthly: "On the {{day}} of each month",
      monthlyLate: "On the {{day}} of each month, or the last day of shorter months",
      weekly: "Every {{weekday}}",
      fortnightly: "Every other {{weekday}}",
    },
    rent: "Rent",
    nextDue: "Next due date",
    noNextDue: "No more rent due",
    endedOn: "Ended on {{date}}",
    holdingOver: "Holding over: this lease continues after its end date ({{date}}) until you or your landlord give notice.",
    details: "Lease details",
    frequencyLabel: "How often",
    dueDayLabel: "Rent is due",
    startDate: "Start date",
    endDate: "End date",
    noEndDate: "No end date",
    address: "Address",
    tenants: "Tenants",
    you: "{{name}} (you)",
    agency: "Letting agency",
    back: "Back to my leases",
    notFoundTitle: "Lease not found",
    notFoundBody: "This lease is not one of yours, or it is no longer available.",
  },
  profile: {
    title: "Profile",
    details: "Your details",
    name: "Name",
    email: "Email",
    agency: "Letting agency",
    changeViaAgency: "To change your name or email address, contact your letting agency.",
    phoneTitle: "Contact details",
    phone: "Phone number",
    phoneHint: "In international format, for example +32 470 12 34 56. Leave it empty to remove your number.",
    save: "Save phone number",
    saving: "Saving…",
    saved: "Your phone number has been saved.",
    readOnly: "You can change your phone number when you are back online.",
    settings: "Settings",
  },
  offline: {
    banner: "You are offline. This is the information saved on this device; changes are turned off until you are back online.",
  },
  pwa: {
    updateAvailable: "A new version of Doorstep is available.",
    reload: "Reload",
    later: "Not now",
    offlineReady: "Doorstep can now open without an internet connection.",
    dismiss: "OK",
  },
  notFound: {
    title: "Page not found",
    back: "Back to the start page",
  },
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** The shape every locale must have: the same keys as English, any strings. */
export type Translation = Messages<typeof en>;
