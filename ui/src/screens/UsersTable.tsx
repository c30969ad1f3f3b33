import type { UserSummary } from "../bindings/UserSummary";
import { ROLE_LABELS } from "../roles";

type UsersTableProps = {
  users: readonly UserSummary[];
  currentUserId: string;
  onReset: (user: UserSummary) => void;
  onDisable: (user: UserSummary) => void;
};

export function UsersTable({ users, currentUserId, onReset, onDisable }: UsersTableProps) {
  return (
    <div className="table-wrapper">
      <table className="table" data-testid="users-table">
        <caption className="table__caption">People who can use ForumDesk</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">User name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.displayName}</td>
              <td className="table__code">{user.username}</td>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>{user.disabled ? "Disabled" : "Active"}</td>
              <td>
                {user.id === currentUserId ? (
                  <span className="hint">This is you</span>
                ) : user.disabled ? (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    data-testid={`enable-${user.username}`}
                    onClick={() => onReset(user)}
                  >
                    Re-enable <span className="visually-hidden">{user.displayName}</span>
                  </button>
                ) : (
                  <div className="button-group button-group--tight">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      data-testid={`reset-${user.username}`}
                      onClick={() => onReset(user)}
                    >
                      Reset password <span className="visually-hidden">for {user.displayName}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--warning button--small"
                      data-testid={`disable-${user.username}`}
                      onClick={() => onDisable(user)}
                    >
                      Disable <span className="visually-hidden">{user.displayName}</span>
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
