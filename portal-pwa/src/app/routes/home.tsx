import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/Alert";
import { describeProblem } from "@/lib/api/problem";
import { useMe } from "@/lib/auth/me";

// Home screen. For now: who is signed in; the leases list comes with the portal feature screens.
export function HomeRoute() {
  const { t } = useTranslation();
  const { data: me, error, isPending } = useMe();

  if (me === undefined) {
    if (isPending) return <p aria-busy="true">{t("app.loading")}</p>;
    return <Alert>{describeProblem(error, t).message}</Alert>;
  }
  return (
    <>
      <h1>{t("home.greeting", { name: me.first_name })}</h1>
      <p className="muted">{t("home.agency", { agency: me.agency.name })}</p>
      <p>{t("home.leasesSoon")}</p>
    </>
  );
}
