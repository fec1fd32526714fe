import { useState } from "react";
import { vi } from "vitest";
import type { useRegisterSW as UseRegisterSW } from "virtual:pwa-register/react";

/** Test stand-in for vite-plugin-pwa's virtual module. Tests set `pwaRegisterStub.needRefresh`. */
export const pwaRegisterStub = {
  needRefresh: false,
  offlineReady: false,
  updateServiceWorker: vi.fn(() => Promise.resolve()),
};

export const useRegisterSW: typeof UseRegisterSW = () => {
  const needRefresh = useState(pwaRegisterStub.needRefresh);
  const offlineReady = useState(pwaRegisterStub.offlineReady);
  return { needRefresh, offlineReady, updateServiceWorker: pwaRegisterStub.updateServiceWorker };
};
