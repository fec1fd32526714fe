import { TextField } from "@doorstep/web-shared/components/ui/TextField";

export interface MoneyFieldProps {
  /** Names the currency ("Amount received (EUR)"). */
  label: string;
  /** How to write it ("e.g. 1,200.50"), and anything the amount is bounded by. */
  hint: string;
  name?: string;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/**
 * An amount of money typed by staff: text, not a number input (the UI language's decimal and
 * grouping marks are read by parseMoney, exactly, never as a float), with the decimal keyboard on
 * phones and nothing autofilled.
 */
export function MoneyField({ label, hint, name = "amount", value, error, onChange }: MoneyFieldProps) {
  return (
    <TextField
      label={label}
      hint={hint}
      name={name}
      inputMode="decimal"
      autoComplete="off"
      required
      className="field--narrow"
      value={value}
      error={error}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    />
  );
}
