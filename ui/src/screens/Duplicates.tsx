import { useCallback, useContext, useEffect, useState } from "react";
import { dismissDuplicate, duplicatePairs } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { DuplicatePair } from "../bindings/DuplicatePair";
import type { MemberSummary } from "../bindings/MemberSummary";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { memberName, STATUS_LABELS } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canMergeMembers } from "../roles";
import { useForm } from "../useForm";

/**
 * How many pairs the list asks for. A review is done a few pairs at a time; each merge or
 * dismissal shortens the list, and coming back fetches the next strongest.
 */
export const REVIEW_LIMIT = 100;

type DuplicatesProps = {
  session: SessionInfo;
  onCompare: (a: string, b: string) => void;
  onOpen: (personId: string) => void;
  onBack: () => void;
};

/** "Possible duplicates": pairs of records that may be one person, the strongest first. */
export function Duplicates({ session, onCompare, onOpen, onBack }: DuplicatesProps) {
  const [pairs, setPairs] = useState<DuplicatePair[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const onLocked = useContext(LockContext);
  const notify = useNotify();
  const form = useForm();
  const canMerge = canMergeMembers(session.role);
  usePageTitle("Possible duplicates", loadError !== null || form.error !== null);

  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );

  useEffect(() => {
    duplicatePairs(REVIEW_LIMIT).then(setPairs, failed);
  }, [failed]);

  async function dismiss(pair: DuplicatePair) {
    const result = await form.run(() => dismissDuplicate(pair.a.id, pair.b.id));
    if (!result.ok) return;
    setPairs((current) => current?.filter((p) => p !== pair) ?? null);
    notify(
      `${memberName(pair.a)} and ${memberName(pair.b)} are marked as different people. They will not be suggested again.`,
    );
  }

  return (
    <>
      <button
        type="button"
        className="link-button back-link"
        data-testid="back-to-members"
        onClick={onBack}
      >
        Back to members
      </button>
      <PageHeading>Possible duplicates</PageHeading>
      <p className="body">
        Records that may be the same person entered twice: they share an e-mail address, phone
        number or postcode and have similar names. Families often share an e-mail address or
        postcode, so check before merging.
      </p>
      {!canMerge && (
        <p className="body" data-testid="cannot-merge">
          Only officers and admins can merge records or mark them as different people. Tell one of
          them if you find a record entered twice.
        </p>
      )}
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">Possible duplicates could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      {pairs === null && !loadError && <p className="body">Looking for duplicates…</p>}
      {pairs?.length === 0 && (
        <p className="body" data-testid="no-duplicates">
          There are no possible duplicates to check.
        </p>
      )}
      {pairs && pairs.length > 0 && (
        <>
          <p className="body" data-testid="duplicates-count">
            {pairs.length === 1 ? "1 pair to check." : `${pairs.length} pairs to check.`}
            {pairs.length >= REVIEW_LIMIT &&
              " These are the strongest matches; more appear as you work through them."}
          </p>
          <ul className="child-list duplicate-list" data-testid="duplicate-list">
            {pairs.map((pair, index) => (
              <PairItem
                key={`${pair.a.id}/${pair.b.id}`}
                pair={pair}
                number={index + 1}
                canMerge={canMerge}
                busy={form.busy}
                onCompare={() => {
                  notify(null);
                  onCompare(pair.a.id, pair.b.id);
                }}
                onDismiss={() => void dismiss(pair)}
                onOpen={onOpen}
              />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** "Same phone number and a similar name" from the core's "same phone number and …". */
export function sentence(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

type PairItemProps = {
  pair: DuplicatePair;
  number: number;
  canMerge: boolean;
  busy: boolean;
  onCompare: () => void;
  onDismiss: () => void;
  onOpen: (personId: string) => void;
};

function PairItem({ pair, number, canMerge, busy, onCompare, onDismiss, onOpen }: PairItemProps) {
  const names = `${memberName(pair.a)} and ${memberName(pair.b)}`;
  const headingId = `pair-${number}`;
  const rows: [string, (m: MemberSummary) => string | null][] = [
    ["E-mail", (m) => m.email],
    ["Phone", (m) => m.phoneDisplay],
    ["Postcode", (m) => m.postcode],
    ["Area", (m) => m.areaName],
    ["Status", (m) => STATUS_LABELS[m.status]],
  ];
  return (
    <li className="child-list__item" data-testid="duplicate-pair" aria-labelledby={headingId}>
      <h2 className="heading-s" id={headingId}>
        {names}
      </h2>
      <p className="body" data-testid="duplicate-reason">
        {sentence(pair.reason)}.
      </p>
      <div className="table-wrapper">
        <table className="table table--words">
          <caption className="visually-hidden">The two records: {names}</caption>
          <thead>
            <tr>
              <td />
              {[pair.a, pair.b].map((member) => (
                <th scope="col" key={member.id}>
                  <button
                    type="button"
                    className="link-button link-button--table"
                    data-testid="open-member"
                    onClick={() => onOpen(member.id)}
                  >
                    {memberName(member)}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value(pair.a) ?? <span className="hint">Not given</span>}</td>
                <td>{value(pair.b) ?? <span className="hint">Not given</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canMerge && (
        <div className="button-group">
          <button type="button" className="button" data-testid="compare" onClick={onCompare}>
            Compare and merge <span className="visually-hidden">{names}</span>
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="not-duplicate"
            aria-disabled={busy}
            onClick={onDismiss}
          >
            Not the same person<span className="visually-hidden">: {names}</span>
          </button>
        </div>
      )}
    </li>
  );
}
