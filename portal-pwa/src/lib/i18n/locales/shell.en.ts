import { en as shared } from "@doorstep/web-shared/lib/i18n/locales/en";

/** English strings of the shell and the login page: loaded before the first render. */
export const shellEn = {
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
    account: "Account",
    home: "Home",
    payments: "Payments",
    incidents: "Incidents",
    messages: "Messages",
    unread_one: "{{count}} unread message",
    unread_other: "{{count}} unread messages",
    documents: "Documents",
    profile: "Profile",
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
};
