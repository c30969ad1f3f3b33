import { useCallback, useContext, useEffect, useState } from "react";
import { listUsers } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { SessionInfo } from "../bindings/SessionInfo";
import type { UserSummary } from "../bindings/UserSummary";
import { PageHeading } from "../components/PageHeading";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { usePageTitle } from "../pageTitle";
import { AddUserForm } from "./AddUserForm";
import { DisableUser } from "./DisableUser";
import { ResetPassword } from "./ResetPassword";
import { UsersTable } from "./UsersTable";

type Mode =
  | { name: "list" }
  | { name: "add" }
  | { name: "reset"; user: UserSummary }
  | { name: "disable"; user: UserSummary };

/** Admin only: the list of users, adding a user, resetting a password, disabling. */
export function Users({ session }: { session: SessionInfo }) {
  if (session.role !== "admin") return <NotAllowed />;
  return <ManageUsers session={session} />;
}

function NotAllowed() {
  usePageTitle("Manage users");
  return (
    <>
      <PageHeading>Manage users</PageHeading>
      <p className="body">Only an admin can manage users. Ask your forum's admin for help.</p>
    </>
  );
}

function ManageUsers({ session }: { session: SessionInfo }) {
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [mode, setMode] = useState<Mode>({ name: "list" });
  const onLocked = useContext(LockContext);
  const notify = useNotify();

  const refresh = useCallback(async () => {
    try {
      setUsers(await listUsers());
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

  const done = (message: string) => {
    setMode({ name: "list" });
    notify(message);
    void refresh();
  };

  if (mode.name === "reset") {
    return (
      <ResetPassword
        user={mode.user}
        onDone={(user) =>
          done(
            `${mode.user.disabled ? `${user.displayName} has been re-enabled.` : `The password for ${user.displayName} has been reset.`} Give them the temporary password: they will be asked to choose their own when they next unlock ForumDesk.`,
          )
        }
        onCancel={() => setMode({ name: "list" })}
      />
    );
  }
  if (mode.name === "add") {
    return (
      <AddUserForm
        onAdded={(user) =>
          done(
            `${user.displayName} (${user.username}) has been added. Give them the temporary password: they will be asked to choose their own when they first unlock ForumDesk.`,
          )
        }
        onCancel={() => setMode({ name: "list" })}
      />
    );
  }
  if (mode.name === "disable") {
    return (
      <DisableUser
        user={mode.user}
        onDone={(user) =>
          done(
            `${user.displayName} (${user.username}) has been disabled. They cannot unlock ForumDesk now.`,
          )
        }
        onCancel={() => setMode({ name: "list" })}
      />
    );
  }
  return (
    <UsersList
      session={session}
      users={users}
      loadError={loadError}
      onReset={(user) => {
        notify(null);
        setMode({ name: "reset", user });
      }}
      onDisable={(user) => {
        notify(null);
        setMode({ name: "disable", user });
      }}
      onAdd={() => {
        notify(null);
        setMode({ name: "add" });
      }}
    />
  );
}

type UsersListProps = {
  session: SessionInfo;
  users: UserSummary[] | null;
  loadError: AppError | null;
  onReset: (user: UserSummary) => void;
  onDisable: (user: UserSummary) => void;
  onAdd: () => void;
};

function UsersList({ session, users, loadError, onReset, onDisable, onAdd }: UsersListProps) {
  usePageTitle("Manage users");
  return (
    <>
      <PageHeading>Manage users</PageHeading>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The list of users could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      <button type="button" className="button" data-testid="add-user" onClick={onAdd}>
        Add a user
      </button>
      {users === null && !loadError && <p className="body">Loading the list of users…</p>}
      {users && (
        <UsersTable
          users={users}
          currentUserId={session.userId}
          onReset={onReset}
          onDisable={onDisable}
        />
      )}
    </>
  );
}
