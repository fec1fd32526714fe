/**
 * The page a push notification opens (sw.ts): a path of this origin inside the portal's scope,
 * or the portal's start page for anything else, so a notification can never send the tenant to
 * another site.
 */
export function portalUrl(candidate: string, scope: URL): string {
  try {
    const url = new URL(candidate, scope);
    if (url.origin === scope.origin && url.pathname.startsWith(scope.pathname)) return url.href;
  } catch {
    // not a URL: the portal's start page
  }
  return scope.href;
}
