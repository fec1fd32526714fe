/** The secret in groups of four, as authenticator apps ask for it typed in. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}
