import { Fragment } from "react";
import { Link } from "react-router";

/** The tenants of a lease, each a link to their record. */
export function TenantLinks({ tenants }: { tenants: readonly { id: string; name: string }[] }) {
  return (
    <>
      {tenants.map((tenant, index) => (
        <Fragment key={tenant.id}>
          {index > 0 && ", "}
          <Link to={`/tenants/${tenant.id}`}>{tenant.name}</Link>
        </Fragment>
      ))}
    </>
  );
}
