/** The API's password rule starts at 10 characters (core/passwords.py); the rest it checks itself. */
export const MIN_PASSWORD_LENGTH = 10;

export interface NewPasswordProblems {
  password?: "tooShort";
  confirmation?: "differ";
}

/**
 * What a "new password" form can say before asking the API: too short, or the two entries
 * differ. Whether it is too easy to guess is the API's answer (a `weak-password` problem on the
 * password field), in the policy's words.
 */
export function checkNewPassword(password: string, confirmation: string): NewPasswordProblems {
  const problems: NewPasswordProblems = {};
  if (password.length < MIN_PASSWORD_LENGTH) problems.password = "tooShort";
  if (confirmation !== password) problems.confirmation = "differ";
  return problems;
}
