import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { LoadMore } from "@/components/ui/LoadMore";
import { PageHeading } from "@/components/ui/PageHeading";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDebouncedSearchParam } from "@/lib/hooks/use-search-param";
import { useCustomers } from "../api/list-customers";
import { CustomersNav } from "./CustomersNav";
import { DeleteCustomer } from "./DeleteCustomer";

/** Seed 001's Customers tab: every registered tenant (with a portal account), searchable. */
export function CustomersListPage() {
  const { t } = useTranslation();
  const search = useDebouncedSearchParam();
  const list = useCustomers(search.value);
  const tableRef = useRef<HTMLTableElement>(null);
  const [deleted, setDeleted] = useState<string | null>(null);

  return (
    <>
      <PageHeading>{t("customers.title")}</PageHeading>
      <CustomersNav />
      <h2>{t("customers.registered.title")}</h2>
      <search className="filters">
        <TextField
          label={t("customers.registered.search")}
          name="q"
          type="search"
          value={search.input}
          onChange={(event) => {
            search.setInput(event.target.value);
          }}
        />
      </search>
      {deleted !== null && (
        <p role="status" className="muted">
          {t("customers.registered.deleted", { name: deleted })}
        </p>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={list.refetch} />
      ) : list.items.length === 0 ? (
        <p className="empty">{search.value !== "" ? t("customers.registered.noMatch") : t("customers.registered.empty")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table ref={tableRef} className="table" aria-busy={list.isPlaceholderData || undefined}>
              <caption className="visually-hidden">{t("customers.registered.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("customers.fields.name")}</th>
                  <th scope="col">{t("customers.fields.email")}</th>
                  <th scope="col">{t("customers.fields.phone")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("customers.registered.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((customer) => (
                  <tr key={customer.id}>
                    <th scope="row">
                      <Link to={`/tenants/${customer.id}`}>
                        {customer.first_name} {customer.last_name}
                      </Link>
                    </th>
                    <td>{customer.email}</td>
                    <td>{customer.phone ?? <span className="muted">{t("common.notSet")}</span>}</td>
                    <td>
                      <DeleteCustomer customer={customer} onDeleted={setDeleted} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore shown={list.items.length} hasMore={list.hasMore} busy={list.isLoadingMore} onLoadMore={list.loadMore} tableRef={tableRef} />
        </>
      )}
    </>
  );
}
