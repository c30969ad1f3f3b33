import { type FormEvent, useCallback, useContext, useEffect, useState } from "react";
import { listAreas, saveArea } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Area } from "../bindings/Area";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

type Mode = { name: "list" } | { name: "edit"; area: Area | null };

/** Admin only: the forum's areas and the postcode districts that place members in them. */
export function Areas({ session }: { session: SessionInfo }) {
  if (session.role !== "admin") return <NotAllowed />;
  return <ManageAreas />;
}

function NotAllowed() {
  usePageTitle("Areas");
  return (
    <>
      <PageHeading>Areas</PageHeading>
      <p className="body">Only an admin can change the forum's areas.</p>
    </>
  );
}

function ManageAreas() {
  const [areas, setAreas] = useState<Area[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [mode, setMode] = useState<Mode>({ name: "list" });
  const onLocked = useContext(LockContext);
  const notify = useNotify();

  const refresh = useCallback(async () => {
    try {
      setAreas(await listAreas());
      setLoadError(null);
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    }
  }, [onLocked]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (mode.name === "edit") {
    return (
      <AreaForm
        area={mode.area}
        onSaved={(area) => {
          setMode({ name: "list" });
          notify(`${area.name} has been saved.`);
          void refresh();
        }}
        onCancel={() => setMode({ name: "list" })}
      />
    );
  }
  return (
    <AreasList
      areas={areas}
      loadError={loadError}
      onEdit={(area) => {
        notify(null);
        setMode({ name: "edit", area });
      }}
    />
  );
}

type AreasListProps = {
  areas: Area[] | null;
  loadError: AppError | null;
  onEdit: (area: Area | null) => void;
};

function AreasList({ areas, loadError, onEdit }: AreasListProps) {
  usePageTitle("Areas");
  return (
    <>
      <PageHeading>Areas</PageHeading>
      <p className="body">
        The forum's areas, and the postcode districts in each. ForumDesk uses a member's postcode to
        work out their area, so you can see where members live and which areas need more.
      </p>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The areas could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      <button type="button" className="button" data-testid="add-area" onClick={() => onEdit(null)}>
        Add an area
      </button>
      {areas === null && !loadError && <p className="body">Loading the areas…</p>}
      {areas && areas.length === 0 && <p className="body">No areas have been added yet.</p>}
      {areas && areas.length > 0 && (
        <div className="table-wrapper">
          <table className="table" data-testid="areas-table">
            <caption className="table__caption">The forum's areas</caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col">Postcode districts</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {areas.map((area) => (
                <tr key={area.id}>
                  <td>{area.name}</td>
                  <td>{area.districts.length > 0 ? area.districts.join(", ") : "None yet"}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      data-testid="change-area"
                      onClick={() => onEdit(area)}
                    >
                      Change <span className="visually-hidden">{area.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const FIELDS = ["name", "districts"] as const;

type AreaFormProps = {
  area: Area | null;
  onSaved: (area: Area) => void;
  onCancel: () => void;
};

function AreaForm({ area, onSaved, onCancel }: AreaFormProps) {
  const [name, setName] = useState(area?.name ?? "");
  const [districts, setDistricts] = useState(area?.districts.join(", ") ?? "");
  const form = useForm();
  const title = area ? `Change ${area.name}` : "Add an area";
  usePageTitle(area ? "Change an area" : "Add an area", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => saveArea(area?.id ?? null, { name, districts }));
    if (result.ok) onSaved(result.value);
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="name"
          label="Name of the area"
          hint="For example Preston, or North Lancashire."
          value={name}
          onChange={setName}
          error={form.errorFor("name")}
          autoComplete="off"
          width="width-20"
        />
        <TextArea
          name="districts"
          label="Postcode districts"
          hint="Postcode districts, for example PR1, PR2. The district is the first part of a postcode. A district that is already in another area moves to this one."
          value={districts}
          onChange={setDistricts}
          error={form.errorFor("districts")}
          rows={3}
          spellCheck={false}
        />
        <FormButtons submitLabel="Save area" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}
