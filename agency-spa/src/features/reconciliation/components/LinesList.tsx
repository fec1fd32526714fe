import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { LoadMore } from "@/components/ui/LoadMore";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useLines, type LinesParams } from "../api/list-lines";
import { LinesTable } from "./LinesTable";

/** A filtered, cursor-paginated list of statement lines. */
export function LinesList({ params, caption }: { params: LinesParams; caption: string }) {
  const { t } = useTranslation();
  const lines = useLines(params);
  const tableRef = useRef<HTMLTableElement>(null);
  if (lines.isPending) return <Loading />;
  if (lines.isError) return <LoadError error={lines.error} onRetry={lines.refetch} />;
  if (lines.items.length === 0) {
    return <p className="empty">{params.status === "unmatched" ? t("reconciliation.lines.queueEmpty") : t("reconciliation.lines.none")}</p>;
  }
  return (
    <>
      <LinesTable ref={tableRef} lines={lines.items} caption={caption} busy={lines.isPlaceholderData} />
      <LoadMore shown={lines.items.length} hasMore={lines.hasMore} busy={lines.isLoadingMore} onLoadMore={lines.loadMore} tableRef={tableRef} />
    </>
  );
}
