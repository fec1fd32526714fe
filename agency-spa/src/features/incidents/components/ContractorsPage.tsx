import { useId, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { CheckboxField } from "@/components/ui/CheckboxField";
import { EditPanel } from "@/components/ui/EditPanel";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { SelectField } from "@/components/ui/SelectField";
import { TextAreaField } from "@/components/ui/TextAreaField";
import { useRole } from "@/lib/auth/permissions";
import { useFormErrors } from "@/lib/hooks/use-form-errors";
import {
  INCIDENT_CATEGORIES,
  useArchiveContractor,
  useContractors,
  useCreateContractor,
  useIncidentRoutes,
  useSetIncidentRoute,
  useUpdateContractor,
  type Contractor,
  type IncidentCategory,
  type IncidentRoute,
} from "../api/incidents";

const CONTRACTOR_FIELDS = ["name", "categories", "phone", "email", "notes"] as const;

interface ContractorValues {
  name: string;
  categories: IncidentCategory[];
  phone: string;
  email: string;
  notes: string;
}

function valuesOf(contractor: Contractor | undefined): ContractorValues {
  return {
    name: contractor?.name ?? "",
    categories: contractor?.categories ?? [],
    phone: contractor?.phone_display ?? "",
    email: contractor?.email ?? "",
    notes: contractor?.notes ?? "",
  };
}

/** Adding a contractor (no `contractor`) or editing one: name, trades, phone (any notation; stored in E.164), e-mail, notes. */
function ContractorForm({ contractor, onDone }: { contractor?: Contractor; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateContractor();
  const update = useUpdateContractor(contractor?.id ?? "");
  const mutation = contractor === undefined ? create : update;
  const [values, setValues] = useState<ContractorValues>(() => valuesOf(contractor));
  const { formRef, fieldErrors, summary, setClientErrors } = useFormErrors(mutation.error, { fields: CONTRACTOR_FIELDS });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const missing: Partial<Record<(typeof CONTRACTOR_FIELDS)[number], string>> = {};
    if (values.name.trim() === "") missing.name = t("form.required");
    if (values.categories.length === 0) missing.categories = t("form.required");
    if (Object.keys(missing).length > 0) {
      setClientErrors(missing);
      return;
    }
    setClientErrors({});
    const blankIsNull = (value: string) => (value.trim() === "" ? null : value.trim());
    const body = {
      name: values.name.trim(),
      categories: values.categories,
      phone: blankIsNull(values.phone),
      email: blankIsNull(values.email),
      notes: blankIsNull(values.notes),
    };
    const sent = contractor === undefined ? create.mutateAsync(body) : update.mutateAsync(body);
    void sent.then(onDone, () => undefined);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack form" aria-label={contractor === undefined ? t("contractors.add") : t("contractors.editTitle", { name: contractor.name })}>
      {summary !== undefined && <Alert>{summary}</Alert>}
      <TextField
        label={t("contractors.fields.name")}
        name="name"
        required
        maxLength={200}
        value={values.name}
        error={fieldErrors.name}
        onChange={(event) => {
          setValues({ ...values, name: event.target.value });
        }}
      />
      <fieldset className="fieldset">
        <legend>{t("contractors.fields.categories")}</legend>
        {INCIDENT_CATEGORIES.map((category) => (
          <CheckboxField
            key={category}
            label={t(`incidents.category.${category}`)}
            name="categories"
            value={category}
            checked={values.categories.includes(category)}
            onChange={(event) => {
              setValues({
                ...values,
                categories: event.target.checked ? [...values.categories, category] : values.categories.filter((item) => item !== category),
              });
            }}
          />
        ))}
        {fieldErrors.categories !== undefined && <p className="field__error">{fieldErrors.categories}</p>}
      </fieldset>
      <TextField
        label={t("contractors.fields.phone")}
        name="phone"
        type="tel"
        value={values.phone}
        error={fieldErrors.phone}
        onChange={(event) => {
          setValues({ ...values, phone: event.target.value });
        }}
      />
      <TextField
        label={t("contractors.fields.email")}
        name="email"
        type="email"
        value={values.email}
        error={fieldErrors.email}
        onChange={(event) => {
          setValues({ ...values, email: event.target.value });
        }}
      />
      <TextAreaField
        label={t("contractors.fields.notes")}
        name="notes"
        maxLength={1000}
        value={values.notes}
        error={fieldErrors.notes}
        onChange={(event) => {
          setValues({ ...values, notes: event.target.value });
        }}
      />
      <div className="form-actions">
        <Button type="submit" busy={mutation.isPending} busyLabel={t("contractors.saving")}>
          {t("contractors.save")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("contractors.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * One category's route: a select of the active contractors of its trade and "Not routed", saved as
 * soon as it changes. While the change is on its way the select shows it; a refusal puts the
 * server's answer back and says why.
 */
function RouteRow({ route, activeContractors, writer }: { route: IncidentRoute; activeContractors: readonly Contractor[]; writer: boolean }) {
  const { t } = useTranslation();
  const setRoute = useSetIncidentRoute();
  const category = t(`incidents.category.${route.category}`);
  const saved = route.contractor?.id ?? "";
  const value = setRoute.isPending ? (setRoute.variables.contractorId ?? "") : saved;
  const offered = activeContractors.filter((contractor) => contractor.categories.includes(route.category));
  // The routed contractor is always offered, even before the contractors' list has it.
  const options = route.contractor !== null && !offered.some((contractor) => contractor.id === route.contractor?.id) ? [route.contractor, ...offered] : offered;
  const error = setRoute.isError ? describeProblem(setRoute.error, t, { fields: ["contractor_id"] }) : undefined;

  return (
    <div className="stack">
      <SelectField
        label={category}
        name={`route-${route.category}`}
        value={value}
        disabled={!writer || setRoute.isPending}
        hint={offered.length === 0 ? t("contractors.routing.noContractor") : undefined}
        error={error === undefined ? undefined : (error.fieldErrors.contractor_id ?? error.message)}
        onChange={(event) => {
          setRoute.mutate({ category: route.category, contractorId: event.target.value === "" ? null : event.target.value });
        }}
      >
        <option value="">{t("contractors.routing.notRouted")}</option>
        {options.map((contractor) => (
          <option key={contractor.id} value={contractor.id}>
            {contractor.name}
          </option>
        ))}
      </SelectField>
      <p role="status" className="muted small">
        {setRoute.isSuccess &&
          (route.contractor === null ? t("contractors.routing.savedNone", { category }) : t("contractors.routing.saved", { category, name: route.contractor.name }))}
      </p>
    </div>
  );
}

/** Where each category's new reports go: assigned at once to the contractor it is routed to, or left to staff. */
function RoutingSection({ writer }: { writer: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const routes = useIncidentRoutes();
  const contractors = useContractors({ archived: false });

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("contractors.routing.title")}</h2>
      <p className="muted">{t("contractors.routing.intro")}</p>
      {routes.isPending || contractors.isPending ? (
        <Loading />
      ) : routes.isError ? (
        <LoadError error={routes.error} onRetry={() => void routes.refetch()} />
      ) : contractors.isError ? (
        <LoadError error={contractors.error} onRetry={() => void contractors.refetch()} />
      ) : (
        routes.data.map((route) => <RouteRow key={route.category} route={route} activeContractors={contractors.data.items} writer={writer} />)
      )}
    </section>
  );
}

/** /contractors: the agency's contractors; owners and managers add, edit, archive and restore them, and route categories to them. */
export function ContractorsPage() {
  const { t } = useTranslation();
  const { can } = useRole();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Contractor | "new" | null>(null);
  const contractors = useContractors({ archived: showArchived });
  const archive = useArchiveContractor();
  const writer = can("incidents:write");

  return (
    <>
      <div className="page-header">
        <PageHeading>{t("contractors.title")}</PageHeading>
        {writer && editing === null && (
          <Button
            onClick={() => {
              setEditing("new");
            }}
          >
            {t("contractors.add")}
          </Button>
        )}
      </div>
      <p className="muted">{t("contractors.intro")}</p>
      {editing !== null && (
        <EditPanel title={editing === "new" ? t("contractors.add") : t("contractors.editTitle", { name: editing.name })}>
          <ContractorForm
            key={editing === "new" ? "new" : editing.id}
            contractor={editing === "new" ? undefined : editing}
            onDone={() => {
              setEditing(null);
            }}
          />
        </EditPanel>
      )}
      <CheckboxField
        label={t("contractors.showArchived")}
        name="archived"
        checked={showArchived}
        onChange={(event) => {
          setShowArchived(event.target.checked);
        }}
      />
      {archive.isError && <Alert>{t("errors.unknown")}</Alert>}
      {contractors.isPending ? (
        <Loading />
      ) : contractors.isError ? (
        <LoadError error={contractors.error} onRetry={() => void contractors.refetch()} />
      ) : contractors.data.items.length === 0 ? (
        <p className="empty">{t("contractors.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t("contractors.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("contractors.fields.name")}</th>
                <th scope="col">{t("contractors.fields.categories")}</th>
                <th scope="col">{t("contractors.fields.phone")}</th>
                <th scope="col">{t("contractors.fields.email")}</th>
                <th scope="col">{t("contractors.fields.status")}</th>
                {writer && <th scope="col">{t("contractors.fields.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {contractors.data.items.map((contractor) => (
                <tr key={contractor.id}>
                  <th scope="row">{contractor.name}</th>
                  <td>{contractor.categories.map((category) => t(`incidents.category.${category}`)).join(", ")}</td>
                  <td>{contractor.phone_display ?? t("incidents.none")}</td>
                  <td>{contractor.email ?? t("incidents.none")}</td>
                  <td>{contractor.archived_at === null ? t("contractors.active") : t("contractors.archived")}</td>
                  {writer && (
                    <td className="button-row">
                      <Button
                        variant="link"
                        aria-label={`${t("contractors.edit")} ${contractor.name}`}
                        onClick={() => {
                          setEditing(contractor);
                        }}
                      >
                        {t("contractors.edit")}
                      </Button>
                      <Button
                        variant="link"
                        aria-label={`${contractor.archived_at === null ? t("contractors.archive") : t("contractors.restore")} ${contractor.name}`}
                        busy={archive.isPending && archive.variables.contractorId === contractor.id}
                        onClick={() => {
                          archive.mutate({ contractorId: contractor.id, archived: contractor.archived_at === null });
                        }}
                      >
                        {contractor.archived_at === null ? t("contractors.archive") : t("contractors.restore")}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RoutingSection writer={writer} />
    </>
  );
}
