import { useId } from "react";
import { RadioOption } from "./RadioOption";

export interface ChoiceFieldsetProps<V extends string> {
  legend: string;
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
}

/**
 * One choice among a few, as radio buttons in a fieldset whose legend asks the question ("What
 * is this line?", "What do you see on the trust account?"): the answer decides which form follows.
 */
export function ChoiceFieldset<V extends string>({ legend, options, value, onChange }: ChoiceFieldsetProps<V>) {
  const name = useId();
  return (
    <fieldset className="fieldset option-group">
      <legend>{legend}</legend>
      {options.map((option) => (
        <RadioOption
          key={option.value}
          name={name}
          value={option.value}
          checked={value === option.value}
          onSelect={() => {
            onChange(option.value);
          }}
        >
          {option.label}
        </RadioOption>
      ))}
    </fieldset>
  );
}
