/** English: the source of truth for message keys. fr and nl must define every key. */
export const en = {
  app: {
    name: "Doorstep",
    section: "Agency",
    loading: "Loading…",
  },
  nav: {
    label: "Main",
    properties: "Properties",
    units: "Units",
    tenants: "Tenants",
    leases: "Leases",
  },
  shell: {
    skipToContent: "Skip to main content",
    name: "Name",
    role: "Role",
    agency: "Agency",
    account: "Signed-in account",
    logout: "Log out",
    loggingOut: "Logging out…",
  },
  roles: {
    owner: "Owner",
    manager: "Manager",
    accountant: "Accountant",
    viewer: "Viewer",
  },
  language: {
    label: "Language",
  },
  login: {
    title: "Sign in",
    intro: "Sign in with your agency staff account.",
    email: "Email address",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
  },
  session: {
    unreachableTitle: "Can't reach Doorstep",
    unreachableBody: "Check your internet connection. We will try again when you are back online.",
    retry: "Try again",
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
