import { Route, Routes } from "react-router";
import { LoginPage } from "@/features/auth/components/LoginPage";
import { AppShell } from "./AppShell";
import { GuestOnly, RequireSession } from "./RequireSession";
import { HomeRoute } from "./routes/home";
import { LeaseRoute } from "./routes/lease";
import { NotFoundRoute } from "./routes/not-found";
import { ProfileRoute } from "./routes/profile";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<GuestOnly />}>
        <Route path="login" element={<LoginPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<AppShell />}>
          <Route index element={<HomeRoute />} />
          <Route path="leases/:leaseId" element={<LeaseRoute />} />
          <Route path="profile" element={<ProfileRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}
