import type { ReactNode } from "react";

export interface DetailItem {
  term: string;
  description: ReactNode;
}

/** A description list of a record's facts (term / value pairs). */
export function Details({ items, label }: { items: DetailItem[]; label?: string }) {
  return (
    <dl className="details" aria-label={label}>
      {items.map((item) => (
        <div key={item.term} className="details__row">
          <dt>{item.term}</dt>
          <dd>{item.description}</dd>
        </div>
      ))}
    </dl>
  );
}
