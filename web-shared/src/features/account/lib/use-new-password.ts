import { useState } from "react";
import { checkNewPassword, type NewPasswordProblems } from "../../../lib/auth/new-password";
import { forgetRefusal, withoutErrors } from "../../../lib/forms/stale-errors";

/**
 * A new password typed twice, for `NewPasswordFields`: checked on `check()`, and each problem
 * (and the refusal of `request`, which sent it) dropped as soon as the input it is about changes;
 * whether the two agree is about both.
 */
export function useNewPassword(request: { isError: boolean; reset: () => void }) {
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [problems, setProblems] = useState<NewPasswordProblems>({});

  return {
    fields: {
      password,
      confirmation,
      problems,
      onPassword: (value: string) => {
        setPassword(value);
        setProblems((found) => withoutErrors(found, "password", "confirmation"));
        forgetRefusal(request);
      },
      onConfirmation: (value: string) => {
        setConfirmation(value);
        setProblems((found) => withoutErrors(found, "confirmation"));
        forgetRefusal(request);
      },
    },
    /** Whether the two can be sent; their problems are shown otherwise. */
    check(): boolean {
      const found = checkNewPassword(password, confirmation);
      setProblems(found);
      return Object.keys(found).length === 0;
    },
    /** Empties both (once saved). */
    clear(): void {
      setPassword("");
      setConfirmation("");
    },
  };
}
