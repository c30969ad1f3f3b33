import { type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { consentHistory, consentPurposes, getMember, membershipHistory } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { ChildRecord } from "../bindings/ChildRecord";
import type { ConsentEvent } from "../bindings/ConsentEvent";
import type { ConsentMethod } from "../bindings/ConsentMethod";
import type { ConsentPurpose } from "../bindings/ConsentPurpose";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { MembershipEvent } from "../bindings/MembershipEvent";
import type { SessionInfo } from "../bindings/SessionInfo";
import { PageHeading } from "../components/PageHeading";
import { SummaryList } from "../components/SummaryList";
import { type Tab, Tabs } from "../components/Tabs";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { EraseMember } from "../gdpr/EraseMember";
import { canSeeSpecialCategory, memberName } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canMergeMembers } from "../roles";
import { DuplicateNotice } from "./DuplicateNotice";
import { ChildForm, ChildrenTab, RemoveChild } from "./MemberChildren";
import { ConsentTab, WithdrawSpecial } from "./MemberConsent";
import { MemberForm } from "./MemberForm";
import { type MembershipAction, MembershipChange, MembershipTab } from "./MemberMembership";

export type MemberTab = "details" | "membership" | "consent" | "children";

type Mode =
  | { name: "tabs" }
  | { name: "edit" }
  | { name: "withdraw"; method: ConsentMethod; message: string | null }
  | { name: "child"; child: ChildRecord | null }
  | { name: "remove-child"; child: ChildRecord; number: number }
  | { name: "membership"; action: MembershipAction }
  | { name: "erase" };

type MemberProps = {
  session: SessionInfo;
  personId: string;
  /** The record just saved, if any: no need to read it again. */
  initialRecord: MemberRecord | null;
  onBack: () => void;
  /** Opens the comparison with another record that may be the same person. */
  onCompare?: (otherId: string) => void;
};

/** One member's record, in tabs; the edit, consent and children's forms open in its place. */
export function Member({ session, personId, initialRecord, onBack, onCompare }: MemberProps) {
  const [record, setRecord] = useState<MemberRecord | null>(initialRecord);
  const [purposes, setPurposes] = useState<ConsentPurpose[] | null>(null);
  const [history, setHistory] = useState<ConsentEvent[] | null>(null);
  const [membershipEvents, setMembershipEvents] = useState<MembershipEvent[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [tab, setTab] = useState<MemberTab>("details");
  const [mode, setMode] = useState<Mode>({ name: "tabs" });
  const onLocked = useContext(LockContext);
  const notify = useNotify();

  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );

  useEffect(() => {
    if (initialRecord) return;
    // Each reading of a record is written to the audit trail, so it is read once here and
    // then kept up to date from what each change returns.
    getMember(personId).then(setRecord, failed);
  }, [personId, initialRecord, failed]);

  useEffect(() => {
    consentPurposes().then(setPurposes, failed);
  }, [failed]);

  const refreshHistory = useCallback(() => {
    consentHistory(personId).then(setHistory, failed);
  }, [personId, failed]);

  useEffect(() => {
    if (tab === "consent") refreshHistory();
  }, [tab, refreshHistory]);

  const refreshMembership = useCallback(() => {
    membershipHistory(personId).then(setMembershipEvents, failed);
  }, [personId, failed]);

  useEffect(() => {
    if (tab === "membership" && mode.name === "tabs") refreshMembership();
  }, [tab, mode.name, refreshMembership]);

  const showTabs = (next: MemberTab, message?: string) => {
    setTab(next);
    setMode({ name: "tabs" });
    if (message) notify(message);
  };

  if (!record) {
    return <MemberLoading error={loadError} onBack={onBack} />;
  }

  const special = canSeeSpecialCategory(session.role) && record.special !== null;
  const name = memberName(record);

  if (mode.name === "edit") {
    return (
      <MemberForm
        mode={{ name: "edit", record }}
        onSaved={(saved) => {
          setRecord(saved);
          showTabs("details", `Changes to ${memberName(saved)}'s details have been saved.`);
        }}
        onCancel={() => showTabs("details")}
      />
    );
  }
  if (mode.name === "withdraw") {
    return (
      <WithdrawSpecial
        record={record}
        method={mode.method}
        message={mode.message}
        onDone={(saved) => {
          setRecord(saved);
          refreshHistory();
          showTabs(
            "consent",
            `Consent for children's needs and equality information has been withdrawn. Their details have been deleted.`,
          );
        }}
        onCancel={() => showTabs("consent")}
      />
    );
  }
  if (mode.name === "membership") {
    return (
      <MembershipChange
        record={record}
        action={mode.action}
        onDone={(saved, message) => {
          setRecord(saved);
          showTabs("membership", message);
        }}
        onCancel={() => showTabs("membership")}
      />
    );
  }
  if (mode.name === "child") {
    return (
      <ChildForm
        personId={record.id}
        memberName={name}
        child={mode.child}
        onSaved={(saved) => {
          setRecord(saved);
          showTabs(
            "children",
            mode.child
              ? "The child's details have been changed."
              : "The child's details have been added.",
          );
        }}
        onCancel={() => showTabs("children")}
      />
    );
  }
  if (mode.name === "erase") {
    return (
      <EraseMember
        session={session}
        personId={record.id}
        onDone={(report) => {
          if (!report) {
            showTabs("details");
            return;
          }
          // Back first: going back clears the notice, and this one must stay.
          onBack();
          notify("Their details have been erased. The forum's figures still count them.");
        }}
      />
    );
  }
  if (mode.name === "remove-child") {
    return (
      <RemoveChild
        personId={record.id}
        child={mode.child}
        number={mode.number}
        onDone={(saved) => {
          setRecord(saved);
          showTabs("children", "The child's details have been removed.");
        }}
        onCancel={() => showTabs("children")}
      />
    );
  }

  const tabs: Tab<MemberTab>[] = [
    { id: "details", label: "Details" },
    { id: "membership", label: "Membership" },
    { id: "consent", label: "Consent" },
    ...(special ? [{ id: "children" as const, label: "Children's needs" }] : []),
  ];
  const shown = tabs.some((t) => t.id === tab) ? tab : "details";

  return (
    <MemberTabs
      name={name}
      tabs={tabs}
      tab={shown}
      onTab={(next) => {
        notify(null);
        setTab(next);
      }}
      onBack={onBack}
      loadError={loadError}
      notice={
        // Keyed on the last change, so saved details are checked again.
        <DuplicateNotice
          key={record.updatedAt}
          personId={record.id}
          canMerge={canMergeMembers(session.role)}
          onCompare={
            onCompare &&
            ((otherId) => {
              notify(null);
              onCompare(otherId);
            })
          }
        />
      }
    >
      {shown === "details" && (
        <DetailsTab record={record} onEdit={() => setMode({ name: "edit" })} />
      )}
      {shown === "details" && session.role === "admin" && (
        <p className="body">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              notify(null);
              setMode({ name: "erase" });
            }}
            data-testid="erase-person"
          >
            Erase this person
          </button>
        </p>
      )}
      {shown === "membership" && (
        <MembershipTab
          record={record}
          history={membershipEvents}
          onAction={(action) => {
            notify(null);
            setMode({ name: "membership", action });
          }}
        />
      )}
      {shown === "consent" && (
        <ConsentTab
          record={record}
          purposes={purposes}
          history={history}
          onRecorded={(saved, message) => {
            setRecord(saved);
            refreshHistory();
            notify(message);
          }}
          onConfirmWithdrawal={(method, message) => setMode({ name: "withdraw", method, message })}
        />
      )}
      {shown === "children" && record.special && (
        <ChildrenTab
          record={record}
          special={record.special}
          onSaved={(saved, message) => {
            setRecord(saved);
            notify(message);
          }}
          onAdd={() => {
            notify(null);
            setMode({ name: "child", child: null });
          }}
          onChange={(child) => {
            notify(null);
            setMode({ name: "child", child });
          }}
          onRemove={(child, number) => {
            notify(null);
            setMode({ name: "remove-child", child, number });
          }}
          onGoToConsent={() => {
            notify(null);
            setTab("consent");
          }}
        />
      )}
    </MemberTabs>
  );
}

function BackLink({ onBack }: { onBack: () => void }) {
  return (
    <button
      type="button"
      className="link-button back-link"
      data-testid="back-to-members"
      onClick={onBack}
    >
      Back to members
    </button>
  );
}

function MemberLoading({ error, onBack }: { error: AppError | null; onBack: () => void }) {
  usePageTitle("Member", error !== null);
  return (
    <>
      <BackLink onBack={onBack} />
      <PageHeading>{error ? "This member's record could not be shown" : "Member"}</PageHeading>
      {error ? <p className="body">{error.message}</p> : <p className="body">Loading…</p>}
    </>
  );
}

type MemberTabsProps = {
  name: string;
  tabs: Tab<MemberTab>[];
  tab: MemberTab;
  onTab: (tab: MemberTab) => void;
  onBack: () => void;
  loadError: AppError | null;
  notice?: ReactNode;
  children: ReactNode;
};

function MemberTabs({
  name,
  tabs,
  tab,
  onTab,
  onBack,
  loadError,
  notice,
  children,
}: MemberTabsProps) {
  const label = tabs.find((t) => t.id === tab)?.label ?? "";
  usePageTitle(`${label}: ${name}`);
  return (
    <>
      <BackLink onBack={onBack} />
      <PageHeading>{name}</PageHeading>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">There is a problem</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      {notice}
      <Tabs label="Member's record" tabs={tabs} selected={tab} onSelect={onTab}>
        {children}
      </Tabs>
    </>
  );
}

function DetailsTab({ record, onEdit }: { record: MemberRecord; onEdit: () => void }) {
  const address = [record.addressLine1, record.addressLine2, record.town].filter(Boolean);
  return (
    <>
      <h2 className="heading-m heading-m--tab">Details</h2>
      <SummaryList
        rows={[
          ["First name", record.firstName],
          ["Last name", record.lastName],
          ["Name they like to be called", record.preferredName],
          ["E-mail", record.email],
          ["Phone", record.phoneDisplay],
          [
            "Address",
            address.length > 0 && (
              <span className="address">
                {address.map((line) => (
                  <span key={line} className="address__line">
                    {line}
                  </span>
                ))}
              </span>
            ),
          ],
          ["Postcode", record.postcode],
          [
            "Area",
            record.areaName &&
              `${record.areaName}${record.areaOverridden ? " (chosen by hand)" : " (from the postcode)"}`,
          ],
          ["How they heard about the forum", record.heardAbout],
          ["Notes", record.notes && <span className="notes">{record.notes}</span>],
        ]}
      />
      <button type="button" className="button" data-testid="edit-member" onClick={onEdit}>
        Change details
      </button>
    </>
  );
}
