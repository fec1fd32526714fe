import { useTranslation } from "react-i18next";
import { AccountSecurity } from "@doorstep/web-shared/features/account/components/AccountSecurity";
import { Details } from "@/components/ui/Details";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { api, session } from "@/lib/api/client";
import { useMe } from "@/lib/auth/me";
import { TwoStepSection } from "./TwoStepSection";

/**
 * The signed-in staff member's own account: who they are, then their password, their e-mail
 * address (confirmed from the new mailbox), signing out of every device, and two-step sign-in.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  const { user, agency } = me.data;
  return (
    <>
      <PageHeading>{t("accountPage.title")}</PageHeading>
      <div className="stack">
        <section aria-labelledby="account-details-heading" className="card">
          <h2 id="account-details-heading">{t("accountPage.details")}</h2>
          <Details
            items={[
              { term: t("accountPage.name"), description: `${user.first_name} ${user.last_name}` },
              { term: t("accountPage.email"), description: user.email },
              { term: t("accountPage.role"), description: t(`roles.${user.role}`) },
              { term: t("accountPage.agency"), description: agency.name },
            ]}
          />
        </section>
        <AccountSecurity api={api} session={session} email={user.email} />
        <TwoStepSection />
      </div>
    </>
  );
}
