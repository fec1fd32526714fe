import { Navigate, Route, Routes } from "react-router";
import { LoginPage } from "@/features/auth/components/LoginPage";
import { AppShell } from "./AppShell";
import { GuestOnly, RequireSession } from "./RequireSession";
import { LeaseDetailRoute, LeasesRoute, NewLeaseRoute } from "./routes/leases";
import { NotFoundRoute } from "./routes/not-found";
import { NewPropertyRoute, PropertiesRoute, PropertyDetailRoute } from "./routes/properties";
import { NewTenantRoute, TenantDetailRoute, TenantsRoute } from "./routes/tenants";
import { UnitDetailRoute, UnitsRoute } from "./routes/units";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<GuestOnly />}>
        <Route path="login" element={<LoginPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/properties" replace />} />
          <Route path="properties">
            <Route index element={<PropertiesRoute />} />
            <Route path="new" element={<NewPropertyRoute />} />
            <Route path=":propertyId" element={<PropertyDetailRoute />} />
          </Route>
          <Route path="units">
            <Route index element={<UnitsRoute />} />
            <Route path=":unitId" element={<UnitDetailRoute />} />
          </Route>
          <Route path="tenants">
            <Route index element={<TenantsRoute />} />
            <Route path="new" element={<NewTenantRoute />} />
            <Route path=":tenantId" element={<TenantDetailRoute />} />
          </Route>
          <Route path="leases">
            <Route index element={<LeasesRoute />} />
            <Route path="new" element={<NewLeaseRoute />} />
            <Route path=":leaseId" element={<LeaseDetailRoute />} />
          </Route>
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}
