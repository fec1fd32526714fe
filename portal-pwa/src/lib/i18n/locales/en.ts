/** English: the source of truth for message keys. fr and nl must define every key. */
export const en = {
  app: {
    name: "Doorstep",
    section: "Tenant portal",
    loading: "Loading…",
  },
  shell: {
    skipToContent: "Skip to main content",
    logout: "Log out",
    loggingOut: "Logging out…",
  },
  language: {
    label: "Language",
  },
  login: {
    title: "Sign in",
    intro: "Sign in to see your tenancy.",
    email: "Email address",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
  },
  home: {
    greeting: "Hello, {{name}}",
    agency: "Your letting agency: {{agency}}",
    leasesSoon: "Your leases will appear here.",
  },
  offline: {
    banner: "You are offline. This is the information saved on this device; changes are turned off until you are back online.",
  },
  session: {
    unreachableTitle: "Can't reach Doorstep",
    unreachableBody: "Check your internet connection. We will try again when you are back online.",
    retry: "Try again",
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
  errors: {
    network: "Could not reach Doorstep. Check your internet connection and try again.",
    badRequest: "The request could not be processed.",
    unauthorized: "Your session has ended. Please sign in again.",
    invalidCredentials: "The email address or password is incorrect.",
    forbidden: "You do not have permission to do this.",
    notFound: "This item could not be found.",
    conflict: "This change conflicts with the current state. Reload and try again.",
    validation: "Please correct the highlighted fields.",
    rateLimited: "Too many attempts. Wait a moment and try again.",
    server: "Something went wrong on our side. Please try again later.",
    unknown: "Something went wrong. Please try again.",
  },
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** The shape every locale must have: the same keys as English, any strings. */
export type Translation = Messages<typeof en>;
