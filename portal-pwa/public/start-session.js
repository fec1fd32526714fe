/* global window */
// The session's start-up refresh, sent while the app's code downloads rather than after it ran
// (a round trip saved on a phone before the first signed-in screen). The app takes this answer
// for its first refresh (src/lib/api/startup-refresh.ts): the refresh token is used once.
window.doorstepStartupRefresh = fetch("/api/v1/auth/tenant/refresh", {
  method: "POST",
  credentials: "include",
  headers: { "Content-Type": "application/json" },
  body: "{}",
});
