import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "@/components/ui/PageHeading";

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t("notFound.title")}</PageHeading>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </>
  );
}
