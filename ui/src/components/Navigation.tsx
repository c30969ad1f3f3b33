import type { SessionInfo } from "../bindings/SessionInfo";
import { canUseDataProtection } from "../roles";

export type Route =
  | "home"
  | "members"
  | "groups"
  | "activities"
  | "evidence"
  | "drives"
  | "review"
  | "gdpr"
  | "users"
  | "areas"
  | "password"
  | "settings";

type NavigationProps = {
  session: SessionInfo;
  route: Route;
  onNavigate: (route: Route) => void;
  onLock: () => void;
  onSignOut: () => void;
};

type Item = {
  route: Route;
  label: string;
  testId: string;
  adminOnly?: boolean;
  /** Admins and officers: the data protection area. */
  officersOnly?: boolean;
  /** Shown to everyone but the kiosk account, which only has the sign-up form. */
  membersOnly?: boolean;
};

const ITEMS: readonly Item[] = [
  { route: "home", label: "Home", testId: "nav-home" },
  { route: "members", label: "Members", testId: "nav-members", membersOnly: true },
  { route: "groups", label: "Groups", testId: "nav-groups", membersOnly: true },
  { route: "activities", label: "Activities", testId: "nav-activities", membersOnly: true },
  { route: "evidence", label: "Evidence", testId: "nav-evidence", membersOnly: true },
  { route: "drives", label: "Drives", testId: "nav-drives", membersOnly: true },
  { route: "gdpr", label: "Data protection", testId: "nav-gdpr", officersOnly: true },
  { route: "password", label: "Change your password", testId: "nav-password" },
  { route: "users", label: "Manage users", testId: "nav-users", adminOnly: true },
  { route: "settings", label: "Settings", testId: "nav-settings", adminOnly: true },
];

/** Pages reached from another page's screen (Areas, from Settings) mark that page as current. */
function within(route: Route, section: Route): boolean {
  return (
    (route === "areas" && section === "settings") || (route === "review" && section === "drives")
  );
}

/** The header navigation while signed in; admin-only items are not shown to others. */
export function Navigation({ session, route, onNavigate, onLock, onSignOut }: NavigationProps) {
  // Someone with a temporary password must choose a new one before anything else.
  const items = session.mustChangePassword
    ? []
    : ITEMS.filter(
        (item) =>
          (!item.adminOnly || session.role === "admin") &&
          (!item.officersOnly || canUseDataProtection(session.role)) &&
          (!item.membersOnly || session.role !== "kiosk"),
      );
  return (
    <div className="header__actions">
      {items.length > 0 && (
        <nav className="nav" aria-label="Main">
          <ul className="nav__list">
            {items.map((item) => (
              <li key={item.route}>
                <button
                  type="button"
                  className="nav__button"
                  aria-current={
                    route === item.route ? "page" : within(route, item.route) ? "true" : undefined
                  }
                  data-testid={item.testId}
                  onClick={() => onNavigate(item.route)}
                >
                  <span className="nav__label">{item.label}</span>
                  {/* A hidden bold copy reserves the current-page width, so no link moves. */}
                  <span className="nav__label nav__label--reserve" aria-hidden="true">
                    {item.label}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="header__buttons">
        <button type="button" className="header__button" data-testid="lock" onClick={onLock}>
          Lock
        </button>
        <button type="button" className="header__button" data-testid="sign-out" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  );
}
