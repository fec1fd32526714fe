import { UpdatePrompt } from "@/components/UpdatePrompt";
import { AppProviders } from "./providers";
import { AppRoutes } from "./AppRoutes";

export function App() {
  return (
    <AppProviders>
      <AppRoutes />
      <UpdatePrompt />
    </AppProviders>
  );
}
