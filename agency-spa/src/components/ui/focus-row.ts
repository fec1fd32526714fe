/**
 * After a page is appended, moves focus to the first new row's link so keyboard users carry on
 * where the new rows start (the button they pressed may have gone).
 */
export function focusRow(table: HTMLTableElement | null, index: number): void {
  const row = table?.tBodies[0]?.rows[index];
  const target = row?.querySelector<HTMLElement>("a, button");
  target?.focus();
}
