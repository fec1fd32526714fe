import { useId } from "react";
import { useTranslation } from "react-i18next";
import { isLanguage, LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "../lib/i18n/detect";
import { changeLanguage } from "../lib/i18n/i18n";

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t("language.label")}</label>
      <select
        id={id}
        value={current}
        onChange={(event) => {
          const { value } = event.target;
          if (isLanguage(value)) void changeLanguage(i18n, value);
        }}
      >
        {SUPPORTED_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
