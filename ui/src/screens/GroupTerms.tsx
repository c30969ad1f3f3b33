import { type FormEvent, useCallback, useContext, useEffect, useRef, useState } from "react";
import { addAffiliationTerms, affiliationTerms } from "../backend";
import type { AffiliationTerms } from "../bindings/AffiliationTerms";
import type { AppError } from "../bindings/AppError";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { TextArea } from "../components/TextArea";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { formatDateTime } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canManageGroups } from "../roles";
import { useForm } from "../useForm";

const published = (terms: AffiliationTerms) =>
  `Version ${terms.version}, published ${formatDateTime(terms.createdAt)}`;

/**
 * The affiliation terms groups agree to: the current version, the earlier ones (a group's page
 * names the version it accepted, so those stay readable), and for officers and admins a form
 * to publish a new version.
 */
export function GroupTerms({ session, onBack }: { session: SessionInfo; onBack: () => void }) {
  const [versions, setVersions] = useState<AffiliationTerms[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [publishing, setPublishing] = useState(false);
  const onLocked = useContext(LockContext);
  const notify = useNotify();

  const load = useCallback(() => {
    affiliationTerms().then(setVersions, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    });
  }, [onLocked]);

  useEffect(load, [load]);

  if (publishing && versions) {
    return (
      <PublishTerms
        current={versions[0] ?? null}
        onDone={(terms) => {
          setPublishing(false);
          setVersions([terms, ...versions]);
          notify(`Version ${terms.version} of the affiliation terms has been published.`);
        }}
        onCancel={() => {
          notify(null);
          setPublishing(false);
        }}
      />
    );
  }

  return (
    <TermsVersions
      versions={versions}
      loadError={loadError}
      manage={canManageGroups(session.role)}
      onBack={onBack}
      onPublish={() => {
        notify(null);
        setPublishing(true);
      }}
    />
  );
}

type VersionsProps = {
  versions: AffiliationTerms[] | null;
  loadError: AppError | null;
  manage: boolean;
  onBack: () => void;
  onPublish: () => void;
};

function TermsVersions({ versions, loadError, manage, onBack, onPublish }: VersionsProps) {
  usePageTitle("Affiliation terms");
  const current = versions?.[0] ?? null;
  const earlier = versions?.slice(1) ?? [];
  return (
    <>
      <button
        type="button"
        className="link-button back-link"
        data-testid="back-to-groups"
        onClick={onBack}
      >
        Back to groups
      </button>
      <PageHeading>Affiliation terms</PageHeading>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The terms could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      {!versions && !loadError && <p className="body">Loading…</p>}
      {versions && (
        <>
          <p className="body">
            What a group agrees to when it applies to affiliate. Each group's page shows the version
            it accepted.
          </p>
          {current ? (
            <section aria-labelledby="current-terms-heading" data-testid="current-terms">
              <h2 className="heading-m" id="current-terms-heading">
                Current terms
              </h2>
              <p className="hint">{published(current)}</p>
              <p className="body notes inset">{current.text}</p>
            </section>
          ) : (
            <p className="body">No terms have been published yet.</p>
          )}
          {earlier.length > 0 && (
            <section aria-labelledby="earlier-terms-heading" data-testid="earlier-terms">
              <h2 className="heading-m" id="earlier-terms-heading">
                Earlier versions
              </h2>
              {earlier.map((terms) => (
                <details className="details" key={terms.version}>
                  <summary className="details__summary">{published(terms)}</summary>
                  <p className="body notes details__text">{terms.text}</p>
                </details>
              ))}
            </section>
          )}
          {manage && (
            <div className="button-group">
              <button
                type="button"
                className="button"
                data-testid="publish-terms"
                onClick={onPublish}
              >
                Publish a new version
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}

type PublishProps = {
  current: AffiliationTerms | null;
  onDone: (terms: AffiliationTerms) => void;
  onCancel: () => void;
};

/**
 * The new text, starting from the current one since most new versions change a line or two,
 * then a confirmation that says what publishing does to groups already affiliated.
 */
function PublishTerms({ current, onDone, onCancel }: PublishProps) {
  const [text, setText] = useState(current?.text ?? "");
  const [confirming, setConfirming] = useState(false);
  const form = useForm();
  const title = confirming ? "Check before publishing" : "Publish a new version of the terms";
  usePageTitle(title, form.error !== null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const next = (current?.version ?? 0) + 1;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function review(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  async function publish() {
    const result = await form.run(() => addAffiliationTerms(text));
    if (result.ok) onDone(result.value);
    // The core's field errors belong next to the text, so go back to the form to show them.
    else setConfirming(false);
  }

  if (confirming) {
    return (
      <>
        <h1 className="heading-l" tabIndex={-1} ref={confirmRef}>
          Check before publishing
        </h1>
        <p className="body">
          Version {next} of the affiliation terms will be published with this text:
        </p>
        <p className="body notes inset" data-testid="new-terms-text">
          {text}
        </p>
        <div className="warning" data-testid="terms-warning">
          <p className="body">
            Groups already affiliated keep the version they accepted. Groups that apply from now on
            accept version {next}, unless you record an earlier version with their application.
          </p>
        </div>
        <div className="button-group">
          <button
            type="button"
            className="button"
            data-testid="confirm"
            aria-disabled={form.busy}
            onClick={() => void publish()}
          >
            Confirm: publish version {next}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="change"
            onClick={() => setConfirming(false)}
          >
            Change the text
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={["text"]} summaryRef={form.summaryRef} />
      <form onSubmit={review} noValidate>
        <TextArea
          name="text"
          label="The terms groups agree to when they affiliate"
          hint={
            current
              ? `This starts as version ${current.version}. Change what needs changing.`
              : undefined
          }
          value={text}
          onChange={setText}
          error={form.errorFor("text")}
          rows={12}
        />
        <FormButtons submitLabel="Continue" onCancel={onCancel} />
      </form>
    </>
  );
}
