import { useState } from "react";
import { useTranslation } from "react-i18next";
import { minorUnitExponent } from "@doorstep/web-shared/lib/format/money";
import { useOpenInvoices, type OpenInvoice } from "@/lib/api/lookups/open-invoices";
import { moneyInputExample } from "@doorstep/web-shared/lib/format/parse-money";
import { useLocale } from "@/lib/i18n/use-locale";
import { allocationInputs, prefillAllocations, readAllocations, type AllocationIn } from "./allocation";

/** What is wrong with a split as a whole, for the allocation fieldset's own message. */
export type AllocationProblemKey = "payments.errors.overAllocated" | "payments.errors.allocationRows";

export interface AllocationSplitOptions {
  /** The lease the money is for ("" while none is chosen): its open invoices are what can be settled. */
  leaseId: string;
  /** The money there is to split, as typed so far (0 while the amount does not read). */
  available: number;
  /** The invoice to settle first: the one the form was opened for, the one a tenant's proof names. */
  firstInvoiceId?: string | undefined;
  currency: string;
}

export interface AllocationSplit {
  /** The lease's open invoices, oldest due first, as they load. */
  invoices: { isPending: boolean; isError: boolean; items: readonly OpenInvoice[] };
  /** What each invoice's amount field shows: the prefilled split until staff edit one. */
  inputs: Readonly<Record<string, string>>;
  /** What the amounts that read correctly add up to. */
  allocated: number;
  /** Per invoice id, why its amount was refused at the last check. */
  rowErrors: Readonly<Partial<Record<string, string>>>;
  /** Staff changed the prefilled split. */
  edited: boolean;
  change: (invoiceId: string, value: string) => void;
  /** Back to the prefilled split (it follows the amount again). */
  resplit: () => void;
  /**
   * On submit: reads the split of `amount`, marks each refused row and says what is wrong with
   * the split as a whole (a row refused, or more allocated than there is).
   */
  check: (amount: number) => { allocations: AllocationIn[]; problem: AllocationProblemKey | undefined };
}

/**
 * The form fields a change of the input named `name` may fix beyond its own: the split's error
 * (`allocations`, more allocated than there is) is about every row and about the amount split.
 */
export function splitFieldsOfInput(name: string): readonly "allocations"[] {
  return name === "amount" || name.startsWith("allocation-") ? ["allocations"] : [];
}

/**
 * The per-invoice split of a payment over its lease's open invoices, as the record-payment form
 * makes it, shared by every form that allocates money staff received: prefilled from the amount (the first invoice, then the
 * others oldest first, until the money runs out), editable per invoice, and what is left is the
 * tenant's credit on the lease.
 */
export function useAllocationSplit({ leaseId, available, firstInvoiceId, currency }: AllocationSplitOptions): AllocationSplit {
  const { t } = useTranslation();
  const locale = useLocale();
  const openInvoices = useOpenInvoices(leaseId);
  const invoices = openInvoices.data?.items ?? [];
  const [edited, setEdited] = useState<Record<string, string> | null>(null);
  const [rowErrors, setRowErrors] = useState<Partial<Record<string, string>>>({});
  const inputs = edited ?? allocationInputs(prefillAllocations(available, invoices, firstInvoiceId), invoices, currency, locale);
  const running = readAllocations(inputs, invoices, available, currency, locale);
  const params = { currency, example: moneyInputExample(currency, locale), count: minorUnitExponent(currency) };

  return {
    invoices: { isPending: openInvoices.isPending, isError: openInvoices.isError, items: invoices },
    inputs,
    allocated: running.allocated,
    rowErrors,
    edited: edited !== null,
    change: (invoiceId, value) => {
      setEdited({ ...inputs, [invoiceId]: value });
      // The row's error was about the value just replaced.
      setRowErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([id]) => id !== invoiceId)));
    },
    resplit: () => {
      setEdited(null);
      setRowErrors({});
    },
    check: (amount) => {
      const read = readAllocations(inputs, invoices, amount, currency, locale);
      const errors = Object.fromEntries(Object.entries(read.errors).map(([id, key]) => [id, key === undefined ? "" : t(key, params)]));
      setRowErrors(errors);
      const problem: AllocationProblemKey | undefined =
        Object.keys(errors).length > 0 ? "payments.errors.allocationRows" : read.overAllocated ? "payments.errors.overAllocated" : undefined;
      return { allocations: read.allocations, problem };
    },
  };
}
