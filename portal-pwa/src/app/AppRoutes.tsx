import { Route, Routes } from "react-router";
import { LoginPage } from "@doorstep/web-shared/features/auth/components/LoginPage";
import { GuestOnly, RequireSession } from "@doorstep/web-shared/features/auth/components/RequireSession";
import { api, session } from "@/lib/api/client";
import { AppShell } from "./AppShell";
import { HomeRoute } from "./routes/home";
import { LeaseRoute } from "./routes/lease";
import { NotFoundRoute } from "./routes/not-found";
import { ProfileRoute } from "./routes/profile";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<GuestOnly session={session} />}>
        <Route path="login" element={<LoginPage api={api} session={session} />} />
      </Route>
      <Route element={<RequireSession session={session} />}>
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
