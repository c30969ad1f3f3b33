import { type FormEvent, useContext, useEffect, useState } from "react";
import { membershipSettings, updateMembershipSettings, updateSettings } from "../backend";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError, validationError } from "../errors";
import { minutes } from "../format";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["idleLockMinutes", "renewalMonths", "lapseAfterDays"] as const;
const MIN = 1;
const MAX = 240;
const RENEWAL = { min: 1, max: 60 };
const LAPSE = { min: 0, max: 730 };

/** A whole number in range, or null. */
function wholeNumber(text: string, range: { min: number; max: number }): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= range.min && value <= range.max ? value : null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

type SettingsProps = {
  session: SessionInfo;
  onSaved: (session: SessionInfo) => void;
  /** Opens the forum's areas (admins). */
  onAreas?: () => void;
};

/** Admin settings: how long ForumDesk waits before locking itself, and how memberships run. */
export function Settings({ session, onSaved, onAreas }: SettingsProps) {
  if (session.role !== "admin") return <NotAllowed />;
  return <SettingsForm session={session} onSaved={onSaved} onAreas={onAreas} />;
}

function NotAllowed() {
  usePageTitle("Settings");
  return (
    <>
      <PageHeading>Settings</PageHeading>
      <p className="body">Only an admin can change settings. Ask your forum's admin for help.</p>
    </>
  );
}

function SettingsForm({ session, onSaved, onAreas }: SettingsProps) {
  const [idle, setIdle] = useState(String(session.idleLockMinutes));
  const [renewal, setRenewal] = useState<string | null>(null);
  const [lapse, setLapse] = useState("");
  const form = useForm();
  const notify = useNotify();
  const onLocked = useContext(LockContext);
  const { fail } = form;
  usePageTitle("Settings", form.error !== null);

  useEffect(() => {
    membershipSettings().then(
      (current) => {
        setRenewal(String(current.renewalMonths));
        setLapse(String(current.lapseAfterDays));
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        else fail(error);
      },
    );
  }, [fail, onLocked]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = wholeNumber(idle, { min: MIN, max: MAX });
    const renewalMonths = renewal === null ? null : wholeNumber(renewal, RENEWAL);
    const lapseAfterDays = renewal === null ? null : wholeNumber(lapse, LAPSE);
    const problems: Record<string, string> = {};
    if (value === null) {
      problems.idleLockMinutes = `Enter a whole number of minutes from ${MIN} to ${MAX}, for example 15`;
    }
    if (renewal !== null && renewalMonths === null) {
      problems.renewalMonths = `Enter a whole number of months from ${RENEWAL.min} to ${RENEWAL.max}, for example 12`;
    }
    if (renewal !== null && lapseAfterDays === null) {
      problems.lapseAfterDays = `Enter a whole number of days from ${LAPSE.min} to ${LAPSE.max}, for example 90`;
    }
    if (value === null || Object.keys(problems).length > 0) {
      form.fail(validationError(problems));
      return;
    }
    const result = await form.run(async () => {
      const saved = await updateSettings({ idleLockMinutes: value });
      const membership =
        renewalMonths === null || lapseAfterDays === null
          ? null
          : await updateMembershipSettings({ renewalMonths, lapseAfterDays });
      return { saved, membership };
    });
    if (result.ok) {
      const { saved, membership } = result.value;
      onSaved(saved);
      notify(
        `Settings saved. ForumDesk will lock itself after ${minutes(saved.idleLockMinutes)} without activity.${
          membership
            ? ` Memberships are renewed every ${plural(membership.renewalMonths, "month", "months")} and lapse ${plural(membership.lapseAfterDays, "day", "days")} after the renewal date if not renewed.`
            : ""
        }`,
      );
    }
  }

  return (
    <>
      <PageHeading>Settings</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="idleLockMinutes"
          label="Lock ForumDesk after this many minutes without activity"
          hint={`From ${MIN} to ${MAX} minutes. A shorter time is safer if other people can use this computer.`}
          value={idle}
          onChange={setIdle}
          error={form.errorFor("idleLockMinutes")}
          inputMode="numeric"
          spellCheck={false}
          width="width-4"
          after={
            <span className="input-suffix" aria-hidden="true">
              minutes
            </span>
          }
        />
        <h2 className="heading-m">Membership</h2>
        {renewal === null ? (
          <p className="body">Loading the membership settings…</p>
        ) : (
          <>
            <TextField
              name="renewalMonths"
              label="How often members renew or reconfirm their membership"
              hint={`From ${RENEWAL.min} to ${RENEWAL.max} months. A change applies from each member's next joining or renewal; renewal dates already set stay as they are.`}
              value={renewal}
              onChange={setRenewal}
              error={form.errorFor("renewalMonths")}
              inputMode="numeric"
              spellCheck={false}
              width="width-4"
              after={
                <span className="input-suffix" aria-hidden="true">
                  months
                </span>
              }
            />
            <TextField
              name="lapseAfterDays"
              label="Days after the renewal date before a membership that was not renewed lapses"
              hint={`From ${LAPSE.min} to ${LAPSE.max} days. ForumDesk marks these memberships as lapsed when someone who works with members unlocks it. They can rejoin at any time.`}
              value={lapse}
              onChange={setLapse}
              error={form.errorFor("lapseAfterDays")}
              inputMode="numeric"
              spellCheck={false}
              width="width-4"
              after={
                <span className="input-suffix" aria-hidden="true">
                  days
                </span>
              }
            />
          </>
        )}
        <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
          Save settings
        </button>
      </form>
      {onAreas && (
        <>
          <h2 className="heading-m">Areas</h2>
          <p className="body">
            The forum's areas, and the postcode districts that place members in them.
          </p>
          <button
            type="button"
            className="button button--secondary"
            data-testid="nav-areas"
            onClick={onAreas}
          >
            Change the forum's areas
          </button>
        </>
      )}
    </>
  );
}
