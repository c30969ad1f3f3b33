import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { throttle } from "./activity";
import { appStatus, lock, onLocked, reportActivity } from "./backend";
import type { AppError } from "./bindings/AppError";
import type { AppStatus } from "./bindings/AppStatus";
import type { LockedEvent } from "./bindings/LockedEvent";
import type { SessionInfo } from "./bindings/SessionInfo";
import { Layout } from "./components/Layout";
import { Navigation, type Route } from "./components/Navigation";
import { PageHeading } from "./components/PageHeading";
import { HeadingFocusContext, LockContext, NoticeContext } from "./context";
import { Drives } from "./drives/Drives";
import { Kiosk } from "./drives/Kiosk";
import { toAppError } from "./errors";
import { minutes } from "./format";
import { usePageTitle } from "./pageTitle";
import { Activities } from "./screens/Activities";
import { Areas } from "./screens/Areas";
import { ChangePassword } from "./screens/ChangePassword";
import { Evidence } from "./screens/Evidence";
import { Gdpr } from "./screens/Gdpr";
import { Groups } from "./screens/Groups";
import { Home } from "./screens/Home";
import { Members } from "./screens/Members";
import { Recovery } from "./screens/Recovery";
import { RecoveryKey } from "./screens/RecoveryKey";
import { Settings } from "./screens/Settings";
import { Setup } from "./screens/Setup";
import { Unlock } from "./screens/Unlock";
import { Users } from "./screens/Users";

type View =
  | { name: "loading" }
  | { name: "start-error"; error: AppError }
  | { name: "setup" }
  | { name: "recovery-key"; recoveryKey: string; session: SessionInfo }
  | { name: "unlock" }
  | { name: "recovery" }
  // `visit` counts navigations, so choosing "Members" again starts that screen afresh.
  | { name: "unlocked"; session: SessionInfo; route: Route; visit: number };

function signedIn(session: SessionInfo): View {
  return {
    name: "unlocked",
    session,
    route: session.mustChangePassword ? "password" : "home",
    visit: 0,
  };
}

function viewFor(status: AppStatus): View {
  if (status.state === "needs_setup") return { name: "setup" };
  if (status.state === "unlocked" && status.session) return signedIn(status.session);
  return { name: "unlock" };
}

export function lockedMessage(event: LockedEvent, idleLockMinutes: number | null): string {
  switch (event.reason) {
    case "sleep":
      return "ForumDesk locked itself because the computer went to sleep.";
    case "screen_locked":
      return "ForumDesk locked itself because the computer's screen was locked.";
    case "idle":
      if (idleLockMinutes === null) return "ForumDesk locked itself after a time without activity.";
      return `ForumDesk locked itself after ${minutes(idleLockMinutes)} without activity.`;
  }
}

const LOCKED_BY_COMMAND = "ForumDesk has locked itself. Unlock it to carry on.";

/**
 * Switches between the screens on the app's state. All personal data (the session
 * and anything a screen loaded) lives in this tree: showing the Unlock screen drops it.
 */
export function App() {
  const [view, setView] = useState<View>({ name: "loading" });
  const [notice, setNotice] = useState<string | null>(null);
  // Remembered in memory only, to prefill the Unlock screen after a Lock.
  const [lastUsername, setLastUsername] = useState("");
  const [started, setStarted] = useState(false);

  const viewRef = useRef(view);
  useLayoutEffect(() => {
    viewRef.current = view;
  });

  const load = useCallback(async () => {
    setView({ name: "loading" });
    try {
      setView(viewFor(await appStatus()));
    } catch (thrown) {
      setView({ name: "start-error", error: toAppError(thrown) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (view.name !== "loading") setStarted(true);
  }, [view.name]);

  /** Drops the session and everything loaded with it, and shows the Unlock screen. */
  const lockedOut = useCallback((message: string) => {
    const current = viewRef.current;
    if (current.name !== "unlocked" && current.name !== "recovery-key") return;
    viewRef.current = { name: "unlock" };
    setView({ name: "unlock" });
    setNotice(message);
  }, []);

  const lockedByCommand = useCallback(
    (_error: AppError) => lockedOut(LOCKED_BY_COMMAND),
    [lockedOut],
  );

  useEffect(
    () =>
      onLocked((event) => {
        const current = viewRef.current;
        const idle = current.name === "unlocked" ? current.session.idleLockMinutes : null;
        lockedOut(lockedMessage(event, idle));
      }),
    [lockedOut],
  );

  const hasSession = view.name === "unlocked" || view.name === "recovery-key";

  useEffect(() => {
    if (!hasSession) return;
    const report = throttle(() => {
      reportActivity().catch((thrown: unknown) => {
        if (toAppError(thrown).kind === "locked") lockedOut(LOCKED_BY_COMMAND);
      });
    });
    window.addEventListener("keydown", report);
    window.addEventListener("pointerdown", report);
    return () => {
      window.removeEventListener("keydown", report);
      window.removeEventListener("pointerdown", report);
    };
  }, [hasSession, lockedOut]);

  const unlocked = (session: SessionInfo) => {
    setLastUsername(session.username);
    setNotice(null);
    setView(signedIn(session));
  };

  const endSession = async (signOut: boolean) => {
    try {
      await lock();
    } catch {
      // Whatever the shell said, the UI drops its data below.
    }
    if (signOut) setLastUsername("");
    setView({ name: "unlock" });
    setNotice(signOut ? "You have signed out." : "ForumDesk is locked.");
  };

  const navigate = (route: Route) => {
    setNotice(null);
    setView((current) =>
      current.name === "unlocked" ? { ...current, route, visit: current.visit + 1 } : current,
    );
  };

  const updateSession = (update: (session: SessionInfo) => SessionInfo) =>
    setView((current) =>
      current.name === "unlocked" ? { ...current, session: update(current.session) } : current,
    );

  /** The session became the kiosk, or left it. */
  const kioskChanged = (session: SessionInfo, route: Route) => {
    setNotice(session.kiosk ? null : "You have left the kiosk.");
    setView((current) =>
      current.name === "unlocked"
        ? { ...current, session, route, visit: current.visit + 1 }
        : current,
    );
  };

  // While the session is a kiosk (also after a reload) only the kiosk is drawn: no header,
  // no navigation, no other screen.
  if (view.name === "unlocked" && view.session.kiosk) {
    return (
      <HeadingFocusContext.Provider value={started}>
        <NoticeContext.Provider value={setNotice}>
          <LockContext.Provider value={lockedByCommand}>
            <Kiosk session={view.session} onLeft={(session) => kioskChanged(session, "drives")} />
          </LockContext.Provider>
        </NoticeContext.Provider>
      </HeadingFocusContext.Provider>
    );
  }

  return (
    <HeadingFocusContext.Provider value={started}>
      <NoticeContext.Provider value={setNotice}>
        <LockContext.Provider value={hasSession ? lockedByCommand : null}>
          <Layout
            notice={notice}
            header={
              view.name === "unlocked" && (
                <Navigation
                  session={view.session}
                  route={view.route}
                  onNavigate={navigate}
                  onLock={() => void endSession(false)}
                  onSignOut={() => void endSession(true)}
                />
              )
            }
          >
            {view.name === "loading" && <Starting />}
            {view.name === "start-error" && (
              <StartError error={view.error} onRetry={() => void load()} />
            )}
            {view.name === "setup" && (
              <Setup
                onDone={(result) => {
                  setLastUsername(result.session.username);
                  setView({ name: "recovery-key", ...result });
                }}
              />
            )}
            {view.name === "recovery-key" && (
              <RecoveryKey
                recoveryKey={view.recoveryKey}
                onContinue={() => setView(signedIn(view.session))}
              />
            )}
            {view.name === "unlock" && (
              <Unlock
                initialUsername={lastUsername}
                onUnlocked={unlocked}
                onForgotten={() => {
                  setNotice(null);
                  setView({ name: "recovery" });
                }}
              />
            )}
            {view.name === "recovery" && (
              <Recovery
                initialUsername={lastUsername}
                onUnlocked={unlocked}
                onBack={() => setView({ name: "unlock" })}
              />
            )}
            {view.name === "unlocked" && view.route === "home" && (
              <Home session={view.session} onNavigate={navigate} />
            )}
            {view.name === "unlocked" && view.route === "password" && (
              <ChangePassword
                mustChange={view.session.mustChangePassword}
                onChanged={() => {
                  if (!view.session.mustChangePassword) return;
                  updateSession((session) => ({ ...session, mustChangePassword: false }));
                  setView((current) =>
                    current.name === "unlocked" ? { ...current, route: "home" } : current,
                  );
                }}
              />
            )}
            {view.name === "unlocked" && view.route === "members" && (
              <Members key={view.visit} session={view.session} />
            )}
            {view.name === "unlocked" && view.route === "groups" && (
              <Groups key={view.visit} session={view.session} />
            )}
            {view.name === "unlocked" && view.route === "evidence" && (
              <Evidence session={view.session} />
            )}
            {view.name === "unlocked" && view.route === "activities" && (
              <Activities key={view.visit} session={view.session} />
            )}
            {view.name === "unlocked" && (view.route === "drives" || view.route === "review") && (
              <Drives
                key={view.visit}
                session={view.session}
                initialTab={view.route === "review" ? "review" : "drives"}
                onKiosk={(session) => kioskChanged(session, "drives")}
              />
            )}
            {view.name === "unlocked" && view.route === "gdpr" && <Gdpr session={view.session} />}
            {view.name === "unlocked" && view.route === "users" && <Users session={view.session} />}
            {view.name === "unlocked" && view.route === "areas" && (
              <Areas key={view.visit} session={view.session} />
            )}
            {view.name === "unlocked" && view.route === "settings" && (
              <Settings
                session={view.session}
                onSaved={(session) => updateSession(() => session)}
                onAreas={() => navigate("areas")}
              />
            )}
          </Layout>
        </LockContext.Provider>
      </NoticeContext.Provider>
    </HeadingFocusContext.Provider>
  );
}

function Starting() {
  return (
    <>
      <PageHeading>ForumDesk</PageHeading>
      <p className="body">Opening ForumDesk…</p>
    </>
  );
}

function StartError({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  usePageTitle("ForumDesk could not start", true);
  return (
    <>
      <PageHeading>ForumDesk could not start</PageHeading>
      <p className="body">{error.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </>
  );
}
