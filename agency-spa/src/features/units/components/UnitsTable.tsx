import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Unit } from "../api/list-units";

/** Units with a link to each; the property column is left out on a property's own page. */
export function UnitsTable({
  units,
  caption,
  showProperty = true,
  busy = false,
  ref,
}: {
  units: Unit[];
  caption: string;
  showProperty?: boolean;
  busy?: boolean;
  ref?: Ref<HTMLTableElement>;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table ref={ref} className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("units.fields.name")}</th>
            {showProperty && <th scope="col">{t("units.fields.property")}</th>}
            <th scope="col" className="table__number">
              {t("units.fields.bedrooms")}
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.id}>
              <th scope="row">
                <Link to={`/units/${unit.id}`}>{unit.name}</Link>
              </th>
              {showProperty && (
                <td>
                  <Link to={`/properties/${unit.property_id}`}>{unit.property_name}</Link>
                </td>
              )}
              <td className="table__number">{unit.bedrooms ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
