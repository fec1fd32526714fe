import { useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { SelectField } from "@/components/ui/SelectField";
import { usePropertyOptions } from "@/lib/api/lookups/property-options";
import { minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import { useLocale } from "@/lib/i18n/use-locale";
import { useLeaseParty } from "../api/get-lease-party";
import { useUnitOptions } from "../api/unit-options";
import { LeaseTermsFields } from "./LeaseTermsFields";
import { DEFAULT_TERMS, LEASE_FORM_FIELDS, readLeaseForm, type LeaseCreate, type LeaseErrors, type LeaseFormValues, type TenantSummary } from "./lease-terms";
import { TenantPicker } from "./TenantPicker";

export interface LeaseCreateFormProps {
  currency: string;
  /** Pre-selected from the page that opened the form (a unit's or a tenant's page). */
  initialPropertyId?: string;
  initialUnitId?: string;
  initialTenantId?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: LeaseCreate) => void;
}

/**
 * A new (draft) lease: property, then one of its units; one or more tenants; the terms. The rent
 * is typed in major units and converted exactly to minor units before it is sent.
 */
export function LeaseCreateForm({
  currency,
  initialPropertyId = "",
  initialUnitId = "",
  initialTenantId = "",
  pending,
  error,
  onSubmit,
}: LeaseCreateFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [values, setValues] = useState<Omit<LeaseFormValues, "tenants">>({
    ...DEFAULT_TERMS,
    propertyId: initialPropertyId,
    unitId: initialPropertyId === "" ? "" : initialUnitId,
  });
  // null until the user adds or removes a tenant: until then, the tenant the form was opened for.
  const [pickedTenants, setPickedTenants] = useState<TenantSummary[] | null>(null);
  const party = useLeaseParty(pickedTenants === null ? initialTenantId : "");
  const tenants = pickedTenants ?? (party.data === undefined ? [] : [party.data]);
  const [announcement, setAnnouncement] = useState("");
  const tenantSearch = useRef<HTMLInputElement>(null);

  const properties = usePropertyOptions();
  const units = useUnitOptions(values.propertyId);
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors<(typeof LEASE_FORM_FIELDS)[number]>(error, {
    fields: LEASE_FORM_FIELDS,
  });

  const messageParams = {
    currency,
    example: moneyInputExample(currency, locale),
    count: minorUnitExponent(currency),
  };
  const translate = (errors: LeaseErrors) =>
    Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key, messageParams)]));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readLeaseForm({ ...values, tenants }, currency, locale);
    setClientErrors(result.ok ? {} : translate(result.errors));
    if (result.ok) onSubmit(result.body);
  }

  function changeTenants(next: TenantSummary[], message: string) {
    setPickedTenants(next);
    setAnnouncement(message);
    tenantSearch.current?.focus();
  }

  const noUnits = values.propertyId !== "" && units.data?.items.length === 0;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form">
      {summary !== undefined && <Alert>{summary}</Alert>}

      <fieldset className="fieldset">
        <legend>{t("leases.sections.unit")}</legend>
        <div className="form-row">
          <SelectField
            label={t("leases.fields.property")}
            name="property_id"
            required
            value={values.propertyId}
            error={fieldErrors.property_id}
            onChange={(event) => {
              setValues((previous) => ({ ...previous, propertyId: event.target.value, unitId: "" }));
            }}
          >
            <option value="">{properties.isPending ? t("app.loading") : t("form.choose")}</option>
            {properties.data?.items.map((property) => (
              <option key={property.id} value={property.id}>
                {property.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("leases.fields.unit")}
            name="unit_id"
            required
            disabled={values.propertyId === "" || noUnits}
            hint={values.propertyId === "" ? t("leases.unitHintChooseProperty") : undefined}
            value={values.unitId}
            error={fieldErrors.unit_id}
            onChange={(event) => {
              setValues((previous) => ({ ...previous, unitId: event.target.value }));
            }}
          >
            <option value="">{values.propertyId !== "" && units.isPending ? t("app.loading") : t("form.choose")}</option>
            {units.data?.items.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </SelectField>
        </div>
        {noUnits && (
          <p className="notice">
            {t("leases.propertyHasNoUnits")}{" "}
            <Link to={`/properties/${values.propertyId}`}>{t("leases.openProperty")}</Link>
          </p>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("leases.sections.tenants")}</legend>
        <p role="status" className="visually-hidden">
          {announcement}
        </p>
        {tenants.length === 0 ? (
          <p className="muted">{t("leases.noTenantChosen")}</p>
        ) : (
          <ul className="pick-list" aria-label={t("leases.chosenTenants")}>
            {tenants.map((tenant) => {
              const name = `${tenant.first_name} ${tenant.last_name}`;
              return (
                <li key={tenant.id} className="pick-list__item">
                  <span>
                    <span className="pick-list__name">{name}</span> <span className="muted">{tenant.email}</span>
                  </span>
                  <Button
                    variant="secondary"
                    className="button--small"
                    onClick={() => {
                      changeTenants(
                        tenants.filter((other) => other.id !== tenant.id),
                        t("leases.tenantRemovedFromForm", { name }),
                      );
                    }}
                  >
                    {t("leases.removeTenantNamed", { name })}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        <TenantPicker
          searchRef={tenantSearch}
          excludeIds={tenants.map((tenant) => tenant.id)}
          error={fieldErrors.tenant_ids}
          onPick={(tenant) => {
            changeTenants([...tenants, tenant], t("leases.tenantAddedToForm", { name: `${tenant.first_name} ${tenant.last_name}` }));
          }}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("leases.sections.terms")}</legend>
        <LeaseTermsFields
          values={values}
          onChange={setValues}
          currency={currency}
          errors={{
            start_date: fieldErrors.start_date,
            end_date: fieldErrors.end_date,
            rent: fieldErrors["rent.amount"] ?? fieldErrors.rent,
            frequency: fieldErrors.frequency,
            due_day: fieldErrors.due_day,
            holding_over: fieldErrors.holding_over,
          }}
        />
      </fieldset>

      <p className="muted">{t("leases.createNote")}</p>
      <div className="form-actions">
        <Button type="submit" busy={pending} busyLabel={t("form.saving")}>
          {t("leases.create")}
        </Button>
      </div>
    </form>
  );
}
