/** A `datetime-local` value ("2026-11-25T14:00") read on this browser's clock, as an instant with its offset. */
export function visitInstant(local: string): string | undefined {
  if (local === "") return undefined;
  const instant = new Date(local);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}
