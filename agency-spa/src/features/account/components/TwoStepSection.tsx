import { useEffect, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@doorstep/web-shared/components/ui/Alert";
import { Button } from "@doorstep/web-shared/components/ui/Button";
import { TextField } from "@doorstep/web-shared/components/ui/TextField";
import { describeProblem, problemSlug } from "@doorstep/web-shared/lib/api/problem";
import { LoadError, Loading } from "@/components/ui/QueryStatus";
import { useDateFormat } from "@/lib/format/use-date-format";
import {
  useConfirmTwoFactor,
  useRenewRecoveryCodes,
  useStartTwoFactor,
  useTurnTwoFactorOff,
  useTwoFactor,
} from "../api/two-factor";
import { groupSecret } from "../lib/group-secret";


/** The API words these refusals in English on their field; the form says them in the reader's language. */
function ownWords(
  error: unknown,
  t: (key: "accountPage.twoStep.wrongPassword" | "accountPage.twoStep.wrongCode") => string,
): { current_password?: string; code?: string } {
  const slug = problemSlug(error);
  if (slug === "wrong-current-password") return { current_password: t("accountPage.twoStep.wrongPassword") };
  if (slug === "wrong-two-factor-code") return { code: t("accountPage.twoStep.wrongCode") };
  return {};
}

/** The otpauth:// URI as a QR code; the library is loaded only when someone sets two-step up. */
function QrCode({ uri }: { uri: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    void import("qrcode").then(async (qrcode) => {
      const url = await qrcode.toDataURL(uri, { margin: 2, width: 208, errorCorrectionLevel: "M" });
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [uri]);
  return src === undefined ? (
    <p className="muted">{t("accountPage.twoStep.qrLoading")}</p>
  ) : (
    <img src={src} width={208} height={208} alt={t("accountPage.twoStep.qrAlt")} />
  );
}

/** Recovery codes, shown once: copied or downloaded, then put away. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const text = codes.join("\n") + "\n";
  return (
    <div className="stack" role="group" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title">{t("accountPage.twoStep.codesTitle")}</h3>
      <Alert tone="info">{t("accountPage.twoStep.codesIntro")}</Alert>
      <ul className="recovery-codes" aria-label={t("accountPage.twoStep.codesTitle")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard.writeText(text).then(() => {
              setCopied(true);
            });
          }}
        >
          {copied ? t("accountPage.twoStep.copied") : t("accountPage.twoStep.copy")}
        </Button>
        <a
          className="button button--secondary"
          download="doorstep-recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
        >
          {t("accountPage.twoStep.download")}
        </a>
        <Button onClick={onDone}>{t("accountPage.twoStep.saved")}</Button>
      </div>
    </div>
  );
}

function SetUp({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const start = useStartTwoFactor();
  const confirm = useConfirmTwoFactor();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const startProblem = start.isError ? describeProblem(start.error, t, { fields: ["current_password"] as const }) : undefined;
  const confirmProblem = confirm.isError ? describeProblem(confirm.error, t, { fields: ["code"] as const }) : undefined;

  function onStart(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate(password, {
      onSuccess: () => {
        setPassword("");
      },
    });
  }

  function onConfirm(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.mutate(code.replace(/\s/g, ""), {
      onSuccess: (answer) => {
        onCodes(answer.recovery_codes);
      },
    });
  }

  if (start.data === undefined) {
    const fieldError = start.isError ? ownWords(start.error, t).current_password : undefined;
    return (
      <form onSubmit={onStart} className="stack" noValidate>
        <p className="muted">{t("accountPage.twoStep.offIntro")}</p>
        {startProblem !== undefined && fieldError === undefined && <Alert>{startProblem.message}</Alert>}
        <TextField
          label={t("accountPage.twoStep.password")}
          name="two_step_password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={fieldError ?? startProblem?.fieldErrors.current_password}
          onChange={(event) => {
            setPassword(event.target.value);
            start.reset();
          }}
        />
        <div className="button-row">
          <Button type="submit" busy={start.isPending} busyLabel={t("accountPage.twoStep.working")}>
            {t("accountPage.twoStep.setUp")}
          </Button>
        </div>
      </form>
    );
  }

  const fieldError = confirm.isError ? ownWords(confirm.error, t).code : undefined;
  return (
    <form onSubmit={onConfirm} className="stack" noValidate>
      <ol className="stack">
        <li>{t("accountPage.twoStep.scan")}</li>
      </ol>
      <QrCode uri={start.data.otpauth_uri} />
      <p>
        {t("accountPage.twoStep.manual")} <code data-testid="two-step-secret">{groupSecret(start.data.secret)}</code>
      </p>
      {confirmProblem !== undefined && fieldError === undefined && <Alert>{confirmProblem.message}</Alert>}
      <TextField
        label={t("accountPage.twoStep.code")}
        name="two_step_code"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        value={code}
        error={fieldError ?? confirmProblem?.fieldErrors.code}
        onChange={(event) => {
          setCode(event.target.value);
          confirm.reset();
        }}
      />
      <div className="button-row">
        <Button type="submit" busy={confirm.isPending} busyLabel={t("accountPage.twoStep.working")}>
          {t("accountPage.twoStep.confirm")}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            start.reset();
            setCode("");
          }}
        >
          {t("accountPage.twoStep.cancel")}
        </Button>
      </div>
    </form>
  );
}

type Change = "renew" | "off";

/** Turning off or renewing the recovery codes: the password and a code (or a recovery code). */
function ChangeForm({ change, onCodes, onClose }: { change: Change; onCodes: (codes: string[]) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const renew = useRenewRecoveryCodes();
  const off = useTurnTwoFactorOff();
  const mutation = change === "renew" ? renew : off;
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const problem = mutation.isError ? describeProblem(mutation.error, t, { fields: ["current_password", "code"] as const }) : undefined;
  const words = mutation.isError ? ownWords(mutation.error, t) : {};
  const hasOwnWords = Object.keys(words).length > 0;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { current_password: password, code: code.trim() };
    if (change === "renew") {
      renew.mutate(body, {
        onSuccess: (answer) => {
          onCodes(answer.recovery_codes);
        },
      });
    } else {
      off.mutate(body, { onSuccess: onClose });
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack" noValidate aria-labelledby="two-step-change-title">
      <h3 id="two-step-change-title">{change === "renew" ? t("accountPage.twoStep.renewTitle") : t("accountPage.twoStep.offTitle")}</h3>
      {problem !== undefined && !hasOwnWords && <Alert>{problem.message}</Alert>}
      <TextField
        label={t("accountPage.twoStep.password")}
        name="two_step_change_password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        error={words.current_password ?? problem?.fieldErrors.current_password}
        onChange={(event) => {
          setPassword(event.target.value);
          mutation.reset();
        }}
      />
      <TextField
        label={t("accountPage.twoStep.codeOrRecovery")}
        name="two_step_change_code"
        autoComplete="one-time-code"
        required
        value={code}
        error={words.code ?? problem?.fieldErrors.code}
        onChange={(event) => {
          setCode(event.target.value);
          mutation.reset();
        }}
      />
      <div className="button-row">
        <Button
          type="submit"
          variant={change === "off" ? "danger" : "primary"}
          busy={mutation.isPending}
          busyLabel={t("accountPage.twoStep.working")}
        >
          {change === "renew" ? t("accountPage.twoStep.renew") : t("accountPage.twoStep.turnOff")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t("accountPage.twoStep.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * "Two-step sign-in" on the staff member's own account: set it up (a QR code of the otpauth URI,
 * the secret for typing in, a code to confirm), see the recovery codes once, renew them, turn it off.
 */
export function TwoStepSection() {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const status = useTwoFactor();
  const [codes, setCodes] = useState<string[]>();
  const [change, setChange] = useState<Change>();

  let body;
  if (status.isPending) body = <Loading />;
  else if (status.isError) body = <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  else if (codes !== undefined) {
    body = (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(undefined);
        }}
      />
    );
  } else if (!status.data.enabled) {
    body = (
      <SetUp
        onCodes={(fresh) => {
          setCodes(fresh);
        }}
      />
    );
  } else {
    body = (
      <div className="stack">
        <p>
          {t("accountPage.twoStep.onSince", { date: dates.instant(status.data.enabled_at ?? "") })}{" "}
          {t("accountPage.twoStep.codesLeft", { count: status.data.recovery_codes_left })}
        </p>
        {change === undefined ? (
          <div className="button-row">
            <Button
              variant="secondary"
              onClick={() => {
                setChange("renew");
              }}
            >
              {t("accountPage.twoStep.renew")}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                setChange("off");
              }}
            >
              {t("accountPage.twoStep.turnOff")}
            </Button>
          </div>
        ) : (
          <ChangeForm
            change={change}
            onCodes={(fresh) => {
              setChange(undefined);
              setCodes(fresh);
            }}
            onClose={() => {
              setChange(undefined);
            }}
          />
        )}
      </div>
    );
  }

  return (
    <section className="card stack" aria-labelledby="two-step-title">
      <h2 id="two-step-title">{t("accountPage.twoStep.title")}</h2>
      {body}
    </section>
  );
}
