import { useContext, useEffect, useRef, useState } from "react";
import { searchMembers } from "../backend";
import type { MemberSummary } from "../bindings/MemberSummary";
import type { NamedRef } from "../bindings/NamedRef";
import { FieldError } from "../components/FieldError";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { memberName } from "../members/labels";

type MembersPickerProps = {
  /** The people chosen so far, with their names, so a saved activity shows who went. */
  chosen: readonly NamedRef[];
  onChange: (chosen: NamedRef[]) => void;
  label: string;
  error?: string;
};

/**
 * Search as you type for forum members and add each to the list; the same search as the
 * group contacts picker, but for several people.
 */
export function MembersPicker({ chosen, onChange, label, error }: MembersPickerProps) {
  const [text, setText] = useState("");
  const [found, setFound] = useState<MemberSummary[]>([]);
  const onLocked = useContext(LockContext);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    if (text.trim().length < 2) {
      setFound([]);
      return;
    }
    const timer = window.setTimeout(() => {
      searchMembers({
        text,
        status: null,
        areaId: null,
        memberType: null,
        consent: null,
        need: null,
        provision: null,
        sort: "name",
        page: 1,
        pageSize: 10,
      }).then(
        (page) => {
          if (id === latest.current) setFound(page.members);
        },
        (thrown: unknown) => {
          const failure = toAppError(thrown);
          if (failure.kind === "locked" && onLocked) onLocked(failure);
        },
      );
    }, 150);
    return () => window.clearTimeout(timer);
  }, [text, onLocked]);

  const add = (member: MemberSummary) => {
    if (!chosen.some((person) => person.id === member.id)) {
      onChange([...chosen, { id: member.id, name: memberName(member) }]);
    }
  };
  const notChosen = found.filter((member) => !chosen.some((person) => person.id === member.id));

  return (
    <div className={`form-group${error ? " form-group--error" : ""}`} id="personIds">
      <h3 className="heading-s">{label}</h3>
      {error && <FieldError id="personIds-error" message={error} />}
      {chosen.length === 0 ? (
        <p className="body">Nobody chosen yet.</p>
      ) : (
        <ul className="list" data-testid="chosen-people">
          {chosen.map((person) => (
            <li key={person.id}>
              {person.name}{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(chosen.filter((other) => other.id !== person.id))}
              >
                Remove<span className="visually-hidden"> {person.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <TextField
        name="memberSearch"
        label="Find a member to add"
        hint="Type part of their name, e-mail, phone or postcode."
        value={text}
        onChange={setText}
        autoComplete="off"
        spellCheck={false}
        width="width-20"
      />
      <p className="body results-count" role="status" aria-live="polite">
        {text.trim().length >= 2 && `${found.length === 10 ? "10 or more" : found.length} found`}
      </p>
      {notChosen.length > 0 && (
        <ul className="list" data-testid="found-people">
          {notChosen.map((member) => (
            <li key={member.id}>
              <button
                type="button"
                className="link-button"
                data-testid="add-person"
                onClick={() => add(member)}
              >
                Add {memberName(member)}
              </button>
              {member.postcode ? ` (${member.postcode})` : ""}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
