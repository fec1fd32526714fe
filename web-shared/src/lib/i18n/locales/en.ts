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
    twoStep: {
      title: "Two-step sign-in",
      intro: "Enter the 6-digit code your authenticator app shows for this account.",
      recoveryIntro: "Enter one of the recovery codes you saved when you set up two-step sign-in. Each works once.",
      code: "Code from your app",
      recoveryCode: "Recovery code",
      submit: "Verify",
      submitting: "Verifying…",
      wrong: "This code is not right, or was already used. Enter the code your app shows now.",
      useRecovery: "Use a recovery code",
      useApp: "Use the code from your app",
      startAgain: "Start again",
      expired: "That sign-in expired. Enter your email address and password again.",
    },
  },
  session: {
    unreachableTitle: "Can't reach Doorstep",
    unreachableBody: "Check your internet connection. We will try again when you are back online.",
    retry: "Try again",
  },
  account: {
    forgot: {
      link: "Forgot password?",
      title: "Forgot your password?",
      intro: "Enter the email address you sign in with. We will send you a link to choose a new password.",
      email: "Email address",
      submit: "Send the link",
      submitting: "Sending…",
      sent: "If this address has an account, a link to choose a new password is on its way. It works once, within an hour. Check your inbox, and your spam folder.",
      backToLogin: "Back to sign in",
    },
    reset: {
      title: "Choose a new password",
      intro: "For {{email}} at {{agency}}. Choosing a new password signs you out on every device.",
      submit: "Save the new password",
      submitting: "Saving…",
      done: "Your password has been changed. Sign in with it.",
      signIn: "Sign in",
    },
    link: {
      usedTitle: "This link has already been used",
      usedBody: "Each link works once. Ask for a new one if you still need it.",
      expiredTitle: "This link has expired",
      expiredBody: "Links work for a limited time. Ask for a new one.",
      unknownTitle: "This link does not work",
      unknownBody: "Check that you opened the whole link from the email, or ask for a new one.",
      askAgain: "Ask for a new link",
    },
    password: {
      new: "New password",
      hint: "At least {{count}} characters. A few uncommon words together are strong and easy to remember.",
      confirm: "Repeat the new password",
      tooShort: "Use at least {{count}} characters.",
      differ: "The two passwords differ.",
      current: "Current password",
      wrongCurrent: "This is not your current password.",
    },
    confirmEmail: {
      title: "Confirm your new email address",
      intro: "Your sign-in address changes when you confirm.",
      submit: "Confirm",
      submitting: "Confirming…",
      done: "Your email address is now {{email}}. Use it to sign in.",
    },
    security: {
      title: "Sign-in and security",
    },
    changePassword: {
      title: "Change password",
      submit: "Change password",
      submitting: "Changing…",
      done: "Your password has been changed. Your other devices have been signed out.",
    },
    changeEmail: {
      title: "Change email address",
      current: "Current address: {{email}}",
      new: "New email address",
      submit: "Send a confirmation link",
      submitting: "Sending…",
      sent: "We sent a confirmation link to {{email}}. Your address changes when you open it.",
      same: "This is already your email address.",
    },
    signOutEverywhere: {
      title: "Sign out of all devices",
      intro: "Ends every session of your account, on this device too. Use it if you lost a phone or signed in on a shared computer.",
      submit: "Sign out everywhere",
      confirm: "Sign out on every device, this one included?",
      yes: "Yes, sign out everywhere",
      cancel: "Cancel",
      submitting: "Signing out…",
    },
  },
  // One sentence per code of a 422's field errors (FieldProblem.code); see lib/api/field-errors.ts.
  fieldErrors: {
    required: "This field is required.",
    not_accepted: "This field cannot be changed here.",
    too_long: "This is too long: shorten it.",
    too_short: "This is too short: add to it.",
    too_small: "This value is too small.",
    too_large: "This value is too large.",
    whole_number: "Enter a whole number.",
    not_a_number: "Enter a number.",
    not_an_option: "Choose one of the options offered.",
    invalid_characters: "This contains characters that are not allowed here.",
    email_invalid: "Enter an email address such as name@example.com.",
    phone_invalid: "This is not a phone number we can call: check the digits.",
    phone_needs_country_code: "Enter the number with its country code, for example +32 470 12 34 56.",
    date_invalid: "Enter a valid date.",
    date_out_of_range: "This date is too far in the past or the future.",
    currency_unknown: "Choose a currency from the list.",
    country_unknown: "Choose a country from the list.",
    locale_unknown: "Choose a language from the list.",
    timezone_unknown: "Choose a time zone from the list.",
    invalid: "This value is not valid: check it and try again.",
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
