import { useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { ReadinessOverrides } from "@/components/readiness/ReadinessOverrides";
import { Details } from "@/components/ui/Details";
import { EditPanel } from "@/components/ui/EditPanel";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useMe } from "@/lib/auth/me";
import { useRole } from "@/lib/auth/permissions";
import type { Tenant } from "../api/list-tenants";
import { useTenant } from "../api/get-tenant";
import { useUpdateTenant } from "../api/update-tenant";
import { tenantChanges, tenantFormValues } from "./tenant-form-values";
import { PortalAccessCard } from "./PortalAccessCard";
import { portalInviteOffer } from "./portal-access-state";
import { TenantForm } from "./TenantForm";

function wasJustCreated(state: unknown): boolean {
  return typeof state === "object" && state !== null && "created" in state && state.created === true;
}

export interface TenantDetailPageProps {
  tenantId: string;
  /** The tenant's leases (composed by the route from the leases feature). */
  leases?: (tenant: Tenant) => ReactNode;
}

export function TenantDetailPage({ tenantId, leases }: TenantDetailPageProps) {
  const { t } = useTranslation();
  const { data: tenant, isPending, isError, error, refetch } = useTenant(tenantId);
  if (isPending) return <Loading />;
  if (isError) {
    return (
      <>
        <PageHeading>{t("tenants.detailTitle")}</PageHeading>
        <LoadError item error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  return <TenantDetail tenant={tenant} leases={leases} />;
}

function TenantDetail({ tenant, leases }: { tenant: Tenant; leases: TenantDetailPageProps["leases"] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useRole();
  const me = useMe();
  const update = useUpdateTenant(tenant.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const fullName = `${tenant.first_name} ${tenant.last_name}`;
  const inviteOffer = portalInviteOffer(tenant, can("onboarding:write"));

  function closeEditor() {
    setEditing(false);
    update.reset();
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/tenants">{t("tenants.back")}</Link>
      </p>
      <div className="page-header">
        <PageHeading>{fullName}</PageHeading>
        {inviteOffer === "invite" && (
          <Link className="button button--secondary" to={`/customers/invites/new?tenant=${tenant.id}`}>
            {t("tenants.inviteToPortal")}
          </Link>
        )}
        {inviteOffer === "has-account" && <span className="muted">{t("tenants.hasPortalAccount")}</span>}
        {can("tenants:write") && !editing && (
          <Button
            ref={editButton}
            variant="secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t("tenants.edit")}
          </Button>
        )}
      </div>
      {wasJustCreated(location.state) && !saved && <Alert tone="info">{t("tenants.created")}</Alert>}
      {saved && <Alert tone="info">{t("tenants.saved")}</Alert>}
      {editing ? (
        <EditPanel title={t("tenants.editTitle")}>
          <TenantForm
            initial={tenantFormValues(tenant)}
            submitLabel={t("form.save")}
            busyLabel={t("form.saving")}
            pending={update.isPending}
            error={update.error}
            onDiscard={closeEditor}
            onSubmit={(values) => {
              const changes = tenantChanges(tenant, values);
              if (Object.keys(changes).length === 0) {
                closeEditor();
                return;
              }
              update.mutate(changes, {
                onSuccess: () => {
                  setSaved(true);
                  closeEditor();
                },
              });
            }}
          />
        </EditPanel>
      ) : (
        <section aria-labelledby="tenant-contact-heading" className="card">
          <h2 id="tenant-contact-heading">{t("tenants.contact")}</h2>
          <Details
            items={[
              { term: t("tenants.fields.email"), description: <a href={`mailto:${tenant.email}`}>{tenant.email}</a> },
              {
                term: t("tenants.fields.phone"),
                description: tenant.phone === null ? t("tenants.noPhone") : <a href={`tel:${tenant.phone}`}>{tenant.phone_display ?? tenant.phone}</a>,
              },
              {
                term: t("tenants.fields.language"),
                description: tenant.language === null ? t("tenants.languageAgency") : t(`tenants.languages.${tenant.language}`),
              },
              {
                term: t("tenants.fields.portalAccount"),
                description: tenant.has_portal_account ? t("tenants.portalActive") : t("tenants.portalNone"),
              },
            ]}
          />
        </section>
      )}
      <PortalAccessCard tenantId={tenant.id} tenantName={fullName} />
      <section aria-labelledby="tenant-messages-heading" className="section">
        <h2 id="tenant-messages-heading">{t("messages.title")}</h2>
        <p className="button-row">
          <Link to={`/messages?tenant_id=${tenant.id}`}>{t("messages.withTenant")}</Link>
          {can("messages:write") && (
            <Link className="button button--secondary button--small" to={`/messages/new?tenant=${tenant.id}`}>
              {t("messages.writeToTenant")}
            </Link>
          )}
        </p>
      </section>
      {leases?.(tenant)}
      {me.data !== undefined && <ReadinessOverrides tenantId={tenant.id} />}
    </>
  );
}
