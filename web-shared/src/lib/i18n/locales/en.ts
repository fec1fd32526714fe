/**
 * English strings of the shared code (login page, session gate, language switcher, problem
 * messages): the source of truth for their keys; fr and nl must define every one. Each app
 * spreads these into its own translations and adds its own keys, including {@link AppWording}.
 */
export const en = {
  app: {
    name: "Doorstep",
    loading: "Loading…",
  },
  language: {
    label: "Language",
  },
  login: {
    title: "Sign in",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
  },
  session: {
    unreachableTitle: "Can't reach Doorstep",
    unreachableBody: "Check your internet connection. We will try again when you are back online.",
    retry: "Try again",
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

/** The shape every shared locale must have: the same keys as English, any strings. */
export type SharedTranslation = Messages<typeof en>;

/** Words the shared screens use that each app chooses itself, in every language. */
export interface AppWording {
  app: { section: string };
  login: { intro: string; email: string };
}
