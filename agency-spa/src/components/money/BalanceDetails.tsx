import { useTranslation } from "react-i18next";
import { formatMoney } from "@doorstep/web-shared/lib/format/money";
import { Details } from "@/components/ui/Details";
import type { LeaseBalance } from "@/lib/api/lookups/lease-balance";
import { useLocale } from "@/lib/i18n/use-locale";

/**
 * A lease's balance as the API derives it: what its open invoices still ask for, the tenants'
 * unallocated credit, and the difference (said as credit when it is negative).
 */
export function BalanceDetails({ balance }: { balance: LeaseBalance }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (amount: number) => formatMoney(amount, balance.currency, locale);
  return (
    <Details
      items={[
        { term: t("balances.outstanding"), description: money(balance.outstanding) },
        { term: t("balances.credit"), description: money(balance.credit) },
        {
          term: t("balances.balance"),
          description: <strong>{balance.balance < 0 ? t("balances.inCredit", { amount: money(-balance.balance) }) : money(balance.balance)}</strong>,
        },
      ]}
    />
  );
}
