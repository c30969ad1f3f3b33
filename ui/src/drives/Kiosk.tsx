import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { kioskForm } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { KioskForm } from "../bindings/KioskForm";
import type { SessionInfo } from "../bindings/SessionInfo";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { usePageTitle } from "../pageTitle";
import { KioskLeave } from "./KioskLeave";
import { KioskSignUpForm } from "./KioskSignUpForm";
import "./kiosk.css";

/** How long the form waits without input before it clears itself. */
export const KIOSK_IDLE_MS = 60_000;

type KioskProps = {
  session: SessionInfo;
  /** Called with the volunteer's session once a password has ended kiosk mode. */
  onLeft: (session: SessionInfo) => void;
  /** Milliseconds without input before anything typed is cleared. */
  idleMs?: number;
};

/**
 * The sign-up kiosk: shown instead of the whole app while the session is a kiosk, so there is
 * no navigation and nothing else to reach (the core refuses a kiosk everything but sign-ups
 * anyway). Large text, one form, a thank-you after each sign-up, and an empty form again
 * after each sign-up and after a minute without input.
 */
export function Kiosk({ session, onLeft, idleMs = KIOSK_IDLE_MS }: KioskProps) {
  const [form, setForm] = useState<KioskForm | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  // A new number mounts a new, empty form: nothing typed survives it.
  const [generation, setGeneration] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [thanks, setThanks] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const onLocked = useContext(LockContext);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const thanksRef = useRef<HTMLDivElement>(null);
  const driveName = form?.driveName ?? session.kiosk?.driveName ?? "";
  usePageTitle(`Join ${session.forumName}`);

  useEffect(() => {
    document.documentElement.classList.add("kiosk-mode");
    return () => document.documentElement.classList.remove("kiosk-mode");
  }, []);

  useEffect(() => {
    kioskForm().then(setForm, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    });
  }, [onLocked]);

  const toTop = useCallback((target: HTMLElement | null) => {
    const page = document.scrollingElement ?? document.documentElement;
    page.scrollTop = 0;
    target?.focus({ preventScroll: true });
  }, []);

  /** Back to an empty form, as the next person should find it. */
  const clear = useCallback(() => {
    setGeneration((n) => n + 1);
    setDirty(false);
    setThanks(false);
    setLeaving(false);
    toTop(headingRef.current);
  }, [toTop]);

  // Anything on screen (typing, a thank-you, the leave prompt) is cleared after a time
  // without input; every key, click or touch starts the wait again.
  const pending = dirty || thanks || leaving;
  useEffect(() => {
    if (!pending) return;
    let timer = setTimeout(clear, idleMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(clear, idleMs);
    };
    const events = ["keydown", "pointerdown", "input"] as const;
    for (const name of events) window.addEventListener(name, restart, true);
    return () => {
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, restart, true);
    };
  }, [pending, idleMs, clear]);

  useEffect(() => {
    if (thanks) toTop(thanksRef.current);
  }, [thanks, toTop]);

  const onDirty = useCallback(() => {
    setDirty(true);
    setThanks(false);
  }, []);

  const onSubmitted = useCallback(() => {
    setGeneration((n) => n + 1);
    setDirty(false);
    setThanks(true);
  }, []);

  return (
    <main className="main kiosk" id="main" tabIndex={-1} data-testid="kiosk">
      <h1 className="heading-l kiosk__heading" tabIndex={-1} ref={headingRef}>
        Join {session.forumName}
      </h1>
      {driveName && (
        <p className="body kiosk__drive" data-testid="kiosk-drive">
          Sign up here at {driveName}. It takes about two minutes. Ask a volunteer if you would like
          help.
        </p>
      )}
      <div role="status" className="kiosk__status">
        {thanks && (
          <div
            className="notification kiosk__thanks"
            tabIndex={-1}
            ref={thanksRef}
            data-testid="kiosk-thanks"
          >
            <h2 className="heading-m">Thank you for signing up</h2>
            <p className="body">
              The forum will be in touch. The form below is empty again for the next person.
            </p>
          </div>
        )}
      </div>
      {loadError && (
        <div className="error-summary" role="alert" data-testid="kiosk-error">
          <h2 className="error-summary__title">The sign-up form cannot be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      {leaving ? (
        // A throttled password is "locked" too: here it is a message for the form, not a
        // reason to leave the kiosk for the Unlock screen (a real lock is an event of its own).
        <LockContext.Provider value={null}>
          <KioskLeave startedBy={session.username} onLeft={onLeft} onCancel={clear} />
        </LockContext.Provider>
      ) : (
        form && (
          <KioskSignUpForm
            key={generation}
            form={form}
            onDirty={onDirty}
            onSubmitted={onSubmitted}
          />
        )
      )}
      {!leaving && (
        <div className="kiosk__footer">
          <button
            type="button"
            className="link-button"
            data-testid="leave-kiosk"
            onClick={() => {
              // The volunteer never sees what a member of the public was typing.
              setGeneration((n) => n + 1);
              setDirty(false);
              setThanks(false);
              setLeaving(true);
            }}
          >
            Volunteer: leave the kiosk
          </button>
        </div>
      )}
    </main>
  );
}
