import { AccountSecurity } from "@doorstep/web-shared/features/account/components/AccountSecurity";
import { api, session } from "@/lib/api/client";

/**
 * The tenant's password, e-mail address and sessions: change the password (other devices are
 * signed out), change the address (confirmed from the new mailbox), sign out everywhere.
 */
export function SignInAndSecurity({ email }: { email: string }) {
  return <AccountSecurity api={api} session={session} email={email} />;
}
