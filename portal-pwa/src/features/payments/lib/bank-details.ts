/** Letters and digits only, upper case: what is copied (banks' forms accept it best). */
export function compactCode(value: string): string {
  return value.replace(/[^0-9A-Za-z]/gu, "").toUpperCase();
}

/**
 * An IBAN or a structured reference as people read and type it: groups of four
 * ("BE71 0961 2345 6769", "RF47 1234 5678 9012").
 */
export function groupsOfFour(value: string): string {
  return compactCode(value).replace(/(.{4})(?=.)/gu, "$1 ");
}
