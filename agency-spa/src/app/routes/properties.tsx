import { useTranslation } from "react-i18next";

// Placeholder until the properties feature lands (features/properties/), generated from openapi/openapi.json.
export function PropertiesRoute() {
  const { t } = useTranslation();
  return <h1>{t("nav.properties")}</h1>;
}
