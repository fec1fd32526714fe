export interface ConnectivityWatch {
  /** Asks the server once; resolves true when it answered. */
  probe: () => Promise<boolean>;
  /** Whether the app currently believes it cannot work live (offline, or no session for want of a network). */
  cutOff: () => boolean;
  /** Called when the server answered while the app believed it was cut off: bring the app back online there. */
  onReachable: () => void;
  intervalMs?: number;
}

/**
 * The browser's online/offline events tell when the device's network changes, but its idea can be
 * wrong both ways (a machine whose only network is local reads as offline; a captive portal reads as
 * online). So while the app believes it is cut off, it asks the server every few seconds, and an
 * answer brings it back: the banner goes and the session is restored without waiting for an event
 * that may never come. Returns a function that stops the watch.
 */
export function watchConnectivity({ probe, cutOff, onReachable, intervalMs = 5_000 }: ConnectivityWatch): () => void {
  let asking = false;
  const timer = setInterval(() => {
    if (asking || !cutOff()) return;
    asking = true;
    void probe()
      .then((answered) => {
        if (answered && cutOff()) onReachable();
      })
      .finally(() => {
        asking = false;
      });
  }, intervalMs);
  return () => {
    clearInterval(timer);
  };
}
