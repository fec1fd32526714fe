import { Navigate, Route, Routes } from "react-router";
import { LoginPage } from "@/features/auth/components/LoginPage";
import { AppShell } from "./AppShell";
import { GuestOnly, RequireSession } from "./RequireSession";
import { LeasesRoute } from "./routes/leases";
import { NotFoundRoute } from "./routes/not-found";
import { PropertiesRoute } from "./routes/properties";
import { TenantsRoute } from "./routes/tenants";
import { UnitsRoute } from "./routes/units";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<GuestOnly />}>
        <Route path="login" element={<LoginPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/properties" replace />} />
          <Route path="properties" element={<PropertiesRoute />} />
          <Route path="units" element={<UnitsRoute />} />
          <Route path="tenants" element={<TenantsRoute />} />
          <Route path="leases" element={<LeasesRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}
