import { type FormEvent, useState } from "react";
import { updateSettings } from "../backend";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { TextField } from "../components/TextField";
import { useNotify } from "../context";
import { validationError } from "../errors";
import { minutes } from "../format";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["idleLockMinutes"] as const;
const MIN = 1;
const MAX = 240;

type SettingsProps = {
  session: SessionInfo;
  onSaved: (session: SessionInfo) => void;
  /** Opens the forum's areas (admins). */
  onAreas?: () => void;
};

/** Admin settings: how long ForumDesk waits before locking itself. */
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
  const form = useForm();
  const notify = useNotify();
  usePageTitle("Settings", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = idle.trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < MIN || value > MAX) {
      form.fail(
        validationError({
          idleLockMinutes: `Enter a whole number of minutes from ${MIN} to ${MAX}, for example 15`,
        }),
      );
      return;
    }
    const result = await form.run(() => updateSettings({ idleLockMinutes: value }));
    if (result.ok) {
      onSaved(result.value);
      notify(
        `Settings saved. ForumDesk will lock itself after ${minutes(result.value.idleLockMinutes)} without activity.`,
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
