import { Route, Routes } from "react-router";
import { LoginPage } from "@/features/auth/components/LoginPage";
import { AppShell } from "./AppShell";
import { GuestOnly, RequireSession } from "./RequireSession";
import { HomeRoute } from "./routes/home";
import { NotFoundRoute } from "./routes/not-found";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<GuestOnly />}>
        <Route path="login" element={<LoginPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<AppShell />}>
          <Route index element={<HomeRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}
