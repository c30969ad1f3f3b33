import type { SessionInfo } from "../bindings/SessionInfo";
import type { Route } from "../components/Navigation";
import { PageHeading } from "../components/PageHeading";
import { ReviewNotice } from "../drives/ReviewNotice";
import { minutes } from "../format";
import { BreachNotice } from "../gdpr/BreachNotice";
import { RequestsDueNotice } from "../gdpr/RequestsDueNotice";
import { RetentionNotice } from "../gdpr/RetentionNotice";
import { usePageTitle } from "../pageTitle";
import { canUseDataProtection, ROLE_HINTS, ROLE_LABELS } from "../roles";

type HomeProps = {
  session: SessionInfo;
  onNavigate: (route: Route) => void;
};

/** The signed-in start page: who you are and where you can go. */
export function Home({ session, onNavigate }: HomeProps) {
  usePageTitle("Home");
  const isAdmin = session.role === "admin";
  return (
    <>
      <PageHeading>{session.forumName}</PageHeading>
      <p className="body" data-testid="signed-in-as">
        Signed in as {session.displayName} ({session.username})
      </p>
      <p className="body">
        Your role: <strong>{ROLE_LABELS[session.role]}</strong>. {ROLE_HINTS[session.role]}
      </p>
      <BreachNotice session={session} />
      <RequestsDueNotice session={session} />
      <RetentionNotice session={session} />
      <ReviewNotice session={session} onReview={() => onNavigate("review")} />
      <h2 className="heading-m">What you can do</h2>
      <ul className="list">
        {session.role !== "kiosk" && (
          <li>
            <button type="button" className="link-button" onClick={() => onNavigate("members")}>
              Members
            </button>
            <span className="hint"> – find, add and update the forum's members</span>
          </li>
        )}
        {canUseDataProtection(session.role) && (
          <li>
            <button type="button" className="link-button" onClick={() => onNavigate("gdpr")}>
              Data protection
            </button>
            <span className="hint">
              {" "}
              – requests, the retention queue, the audit log, breaches and the record of processing
            </span>
          </li>
        )}
        <li>
          <button type="button" className="link-button" onClick={() => onNavigate("password")}>
            Change your password
          </button>
        </li>
        {isAdmin && (
          <>
            <li>
              <button type="button" className="link-button" onClick={() => onNavigate("users")}>
                Manage users
              </button>
              <span className="hint"> – add people, reset passwords and disable accounts</span>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => onNavigate("areas")}>
                Areas
              </button>
              <span className="hint"> – the forum's areas and their postcode districts</span>
            </li>
            <li>
              <button type="button" className="link-button" onClick={() => onNavigate("settings")}>
                Settings
              </button>
              <span className="hint">
                {" "}
                – ForumDesk locks itself after {minutes(session.idleLockMinutes)} without activity
              </span>
            </li>
          </>
        )}
      </ul>
      <p className="body">
        When you step away from the computer, press <strong>Lock</strong>. When you have finished,
        press <strong>Sign out</strong>.
      </p>
    </>
  );
}
