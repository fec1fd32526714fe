import { useTranslation } from "react-i18next";

// Placeholder until the units feature lands (features/units/), generated from openapi/openapi.json.
export function UnitsRoute() {
  const { t } = useTranslation();
  return <h1>{t("nav.units")}</h1>;
}
