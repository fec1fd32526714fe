import { useTranslation } from "react-i18next";

// Placeholder until the tenants feature lands (features/tenants/), generated from openapi/openapi.json.
export function TenantsRoute() {
  const { t } = useTranslation();
  return <h1>{t("nav.tenants")}</h1>;
}
