import type { QueryClient } from "@tanstack/react-query";
import { myLeasesQueryOptions } from "@/features/leases/api/get-my-leases";
import { onboardingQueryOptions } from "@/features/onboarding/api/my-onboarding";
import { tasksQueryOptions } from "@/features/onboarding/api/my-tasks";
import { myBalanceQueryOptions } from "@/features/payments/api/get-my-balance";
import { myInvoicesQueryOptions } from "@/features/payments/api/get-my-invoices";
import { allPaymentInstructionsQueryOptions } from "@/features/payments/api/get-my-payment-instructions";
import { meQueryOptions } from "@/lib/auth/me";

/**
 * Asks for everything the signed-in home shows, at once, as soon as there is a session: on a
 * phone each request is a round trip, and the home's sections would otherwise ask one after the
 * other (the leases first, then what depends on them) once the screen's code has arrived. The
 * payment instructions of every active lease come in one answer, alongside the leases rather
 * than after them (they would otherwise need the leases' ids first). What lies below the first
 * screen is left to its section: the lists read again whenever a screen shows them (incidents,
 * unread messages) would be read twice, and the latest documents would take one of the six
 * connections a browser opens to the API, and the server's time, from the first screen's answers.
 */
export function prefetchHomeData(queryClient: QueryClient): void {
  // A refused or failed answer is the screen's to show when it asks again.
  const ignore = () => undefined;
  // The largest part of the first screen (the bank details) and what it is laid out under first:
  // a seventh request waits for one of the first six to end.
  queryClient.query(allPaymentInstructionsQueryOptions()).catch(ignore);
  queryClient.query(myLeasesQueryOptions()).catch(ignore);
  queryClient.query(meQueryOptions()).catch(ignore);
  queryClient.query(myBalanceQueryOptions()).catch(ignore);
  queryClient.infiniteQuery(myInvoicesQueryOptions("to-pay")).catch(ignore);
  queryClient.query(onboardingQueryOptions()).catch(ignore);
  queryClient.query(tasksQueryOptions()).catch(ignore);
}
