import { useTranslation } from "react-i18next";

// Placeholder until the leases feature lands (features/leases/), generated from openapi/openapi.json.
export function LeasesRoute() {
  const { t } = useTranslation();
  return <h1>{t("nav.leases")}</h1>;
}
