import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { describeProblem } from "@doorstep/web-shared/lib/api/problem";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useLocale } from "@/lib/i18n/use-locale";
import type { TransferProof } from "../api/list-proofs";
import { proofFileKind, useDownloadProofFile, useOpenProofFile, useProofImage } from "../api/proof-file";
import { formatFileSize } from "./proof-filters";

function ProofImage({ proof }: { proof: TransferProof }) {
  const { t } = useTranslation();
  const image = useProofImage(proof);
  const blob = image.data?.blob;
  // The image's source is an object URL of the fetched blob, made when the <img> is attached and
  // revoked when it goes (or the blob changes).
  const attach = useCallback(
    (node: HTMLImageElement | null) => {
      if (node === null || blob === undefined) return undefined;
      const url = URL.createObjectURL(blob);
      node.setAttribute("src", url);
      return () => {
        URL.revokeObjectURL(url);
      };
    },
    [blob],
  );
  if (image.isPending) return <Loading label={t("transferProofs.detail.imageLoading")} />;
  if (image.isError) return <LoadError error={image.error} onRetry={() => void image.refetch()} />;
  return <img ref={attach} className="proof-file__image" alt={t("transferProofs.detail.imageAlt", { tenant: proof.tenant_name, name: proof.file_name })} />;
}

/**
 * The file the tenant sent, fetched through the API client with the bearer token: a photo is
 * shown here (from an object URL, in an <img>), a PDF is downloaded or opened in a tab of its own,
 * anything else (HEIC) downloaded. The file is never put into this page as markup.
 */
export function ProofFileView({ proof }: { proof: TransferProof }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const kind = proofFileKind(proof.content_type);
  const download = useDownloadProofFile(proof);
  const open = useOpenProofFile(proof);
  const failure = download.error ?? open.error;

  return (
    <div className="proof-file stack">
      <p>{t("transferProofs.detail.fileMeta", { name: proof.file_name, size: formatFileSize(proof.file_size, locale) })}</p>
      {kind === "image" && <ProofImage proof={proof} />}
      {proof.content_type === "image/heic" && <p className="muted">{t("transferProofs.detail.heicNote")}</p>}
      <div className="actions actions--inline">
        <Button
          variant="secondary"
          busy={download.isPending}
          busyLabel={t("transferProofs.detail.downloading")}
          onClick={() => {
            open.reset();
            download.mutate();
          }}
        >
          {t("transferProofs.detail.download", { name: proof.file_name })}
        </Button>
        {kind === "pdf" && (
          <Button
            variant="secondary"
            busy={open.isPending}
            busyLabel={t("transferProofs.detail.opening")}
            onClick={() => {
              download.reset();
              open.mutate();
            }}
          >
            {t("transferProofs.detail.open")}
          </Button>
        )}
      </div>
      {open.data === false && <Alert tone="warning">{t("transferProofs.detail.popupBlocked")}</Alert>}
      {failure !== null && <Alert>{describeProblem(failure, t).message}</Alert>}
    </div>
  );
}
