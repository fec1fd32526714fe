import { useEffect, useState, useSyncExternalStore } from "react";
import { PayFlow, type PayFlowDeps, type PayFlowSnapshot } from "./pay-flow";

/**
 * One {@link PayFlow} for the lifetime of the screen that shows it, and its current state.
 * `deps` is read once, on the first render.
 */
export function usePayFlow(deps: () => PayFlowDeps): readonly [PayFlow, PayFlowSnapshot] {
  const [flow] = useState(() => new PayFlow(deps()));
  useEffect(() => {
    flow.attach();
    return () => {
      flow.detach();
    };
  }, [flow]);
  const snapshot = useSyncExternalStore(flow.subscribe, flow.getSnapshot);
  return [flow, snapshot] as const;
}
