import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { addUser, disableUser, listUsers, resetUserPassword } from "../backend";
import { appError, HOSTILE, renderScreen, session, user } from "../test/fixtures";
import { Users } from "./Users";

vi.mock("../backend");

const ADMIN = user({
  id: "u-admin",
  username: "sam.admin",
  displayName: "Sam Admin",
  role: "admin",
});
const JO = user();
const GONE = user({ id: "u-2", username: "old.user", displayName: "Old User", disabled: true });

beforeEach(() => {
  vi.mocked(listUsers).mockResolvedValue([ADMIN, JO, GONE]);
});

async function renderUsers(onLocked?: () => void) {
  renderScreen(<Users session={session()} />, { onLocked });
  return screen.findByTestId("users-table");
}

async function openAddForm() {
  await renderUsers();
  const u = userEvent.setup();
  await u.click(screen.getByTestId("add-user"));
  expect(screen.getByRole("heading", { level: 1, name: "Add a user" })).toBeInTheDocument();
  return u;
}

describe("Users", () => {
  it("lists users in an accessible table", async () => {
    const table = await renderUsers();
    expect(screen.getByRole("heading", { level: 1, name: "Manage users" })).toBeInTheDocument();
    expect(within(table).getByText("People who can use ForumDesk").tagName).toBe("CAPTION");
    const headers = within(table).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual([
      "Name",
      "User name",
      "Role",
      "Status",
      "Actions",
    ]);
    for (const header of headers) expect(header).toHaveAttribute("scope", "col");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[3]?.textContent)).toEqual([
      "Active",
      "Active",
      "Disabled",
    ]);
    expect(document.title).toBe("Manage users – ForumDesk");
  });

  it("offers reset and disable for other active users, and only re-enable for disabled ones", async () => {
    const table = await renderUsers();
    const [self, jo, gone] = within(table).getAllByRole("row").slice(1) as HTMLElement[];
    expect(within(self as HTMLElement).queryAllByRole("button")).toHaveLength(0);
    const goneButtons = within(gone as HTMLElement).getAllByRole("button");
    expect(goneButtons.map((b) => b.textContent)).toEqual(["Re-enable Old User"]);
    expect(
      within(jo as HTMLElement).getByRole("button", { name: "Disable Jo Bloggs" }),
    ).toBeInTheDocument();
    expect(
      within(jo as HTMLElement).getByRole("button", { name: "Reset password for Jo Bloggs" }),
    ).toBeInTheDocument();
  });

  it("shows nothing of the user list to non-admins", () => {
    renderScreen(<Users session={session({ role: "volunteer" })} />);
    expect(screen.getByText(/Only an admin can manage users/)).toBeInTheDocument();
    expect(screen.queryByTestId("users-table")).not.toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("User name")).not.toBeInTheDocument();
    expect(listUsers).not.toHaveBeenCalled();
  });

  it("adds a user, says so, and refreshes the list", async () => {
    const added = user({ id: "u-3", username: "pat.lee", displayName: "Pat Lee", role: "officer" });
    vi.mocked(addUser).mockResolvedValue(added);
    const u = await openAddForm();
    expect(document.title).toBe("Add a user – ForumDesk");
    vi.mocked(listUsers).mockResolvedValue([ADMIN, JO, GONE, added]);
    await u.type(screen.getByLabelText("Their name"), "Pat Lee");
    await u.type(screen.getByLabelText("User name"), "pat.lee");
    await u.click(screen.getByLabelText("Officer"));
    await u.type(screen.getByLabelText("Temporary password"), "temporary words");
    await u.type(screen.getByLabelText("Confirm temporary password"), "temporary words");
    await u.click(screen.getByTestId("submit"));

    expect(addUser).toHaveBeenCalledWith({
      displayName: "Pat Lee",
      username: "pat.lee",
      role: "officer",
      password: "temporary words",
      passwordConfirm: "temporary words",
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Pat Lee (pat.lee) has been added");
    await waitFor(() => expect(screen.getByRole("cell", { name: "pat.lee" })).toBeInTheDocument());
    expect(listUsers).toHaveBeenCalledTimes(2);
    expect(screen.queryByLabelText("Their name")).not.toBeInTheDocument();
  });

  it("has role radios in a fieldset with a hint for each role", async () => {
    await openAddForm();
    const group = screen.getByRole("group", { name: "Role" });
    expect(group.tagName).toBe("FIELDSET");
    expect(screen.getByLabelText("Admin")).toHaveAttribute("id", "role-admin");
    expect(screen.getByLabelText("Admin")).toHaveAccessibleDescription(
      "Manages users and settings.",
    );
    expect(screen.getByLabelText("Kiosk")).toHaveAccessibleDescription(/sign-up form/);
    expect(screen.getByLabelText("Volunteer")).toHaveAccessibleDescription(/Cannot export/);
    expect(screen.getByLabelText("Officer")).toHaveAccessibleDescription(/evidence and reports/);
  });

  it("asks for a role before calling the backend", async () => {
    const u = await openAddForm();
    await u.click(screen.getByTestId("submit"));
    expect(addUser).not.toHaveBeenCalled();
    expect(screen.getByTestId("error-summary")).toHaveFocus();
    expect(screen.getByRole("link", { name: "Select the user's role" })).toHaveAttribute(
      "href",
      "#role-admin",
    );
  });

  it("shows backend field errors on the add form", async () => {
    vi.mocked(addUser).mockRejectedValue(
      appError("conflict", "Check the form", { username: "That user name is already used" }),
    );
    const u = await openAddForm();
    await u.click(screen.getByLabelText("Kiosk"));
    await u.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveFocus();
    expect(screen.getByLabelText("User name")).toHaveAccessibleDescription(
      /Error: That user name is already used$/,
    );
    expect(screen.getByRole("status")).toHaveTextContent("");
  });

  it("passes a 10,000 character name through", async () => {
    vi.mocked(addUser).mockResolvedValue(JO);
    const u = await openAddForm();
    const long = "N".repeat(10_000);
    await u.click(screen.getByLabelText("Their name"));
    await u.paste(long);
    await u.click(screen.getByLabelText("Volunteer"));
    await u.click(screen.getByTestId("submit"));
    expect(vi.mocked(addUser).mock.calls[0]?.[0].displayName).toBe(long);
  });

  it("can cancel adding a user", async () => {
    const u = await openAddForm();
    await u.click(screen.getByTestId("cancel"));
    expect(await screen.findByTestId("users-table")).toBeInTheDocument();
    expect(addUser).not.toHaveBeenCalled();
  });

  it("disables a user only after confirmation", async () => {
    vi.mocked(disableUser).mockResolvedValue({ ...JO, disabled: true });
    await renderUsers();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("disable-jo.bloggs"));
    expect(disableUser).not.toHaveBeenCalled();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Are you sure you want to disable Jo Bloggs (jo.bloggs)?",
    );

    await u.click(screen.getByRole("button", { name: "No, go back" }));
    expect(await screen.findByTestId("users-table")).toBeInTheDocument();
    expect(disableUser).not.toHaveBeenCalled();

    await u.click(screen.getByTestId("disable-jo.bloggs"));
    vi.mocked(listUsers).mockResolvedValue([ADMIN, { ...JO, disabled: true }, GONE]);
    await u.click(screen.getByTestId("submit"));
    expect(disableUser).toHaveBeenCalledWith("u-1");
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Jo Bloggs (jo.bloggs) has been disabled",
    );
    await waitFor(() => expect(screen.queryByTestId("disable-jo.bloggs")).not.toBeInTheDocument());
  });

  it("resets another user's password", async () => {
    vi.mocked(resetUserPassword).mockResolvedValue({ ...JO, mustChangePassword: true });
    await renderUsers();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("reset-jo.bloggs"));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Reset the password for Jo Bloggs",
    );
    expect(screen.getByText(/asked to change it/)).toBeInTheDocument();
    await u.type(screen.getByLabelText("New temporary password"), "another temp pass");
    await u.type(screen.getByLabelText("Confirm new temporary password"), "another temp pass");
    await u.click(screen.getByTestId("submit"));
    expect(resetUserPassword).toHaveBeenCalledWith({
      userId: "u-1",
      newPassword: "another temp pass",
      newPasswordConfirm: "another temp pass",
    });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "The password for Jo Bloggs has been reset",
    );
    expect(await screen.findByTestId("users-table")).toBeInTheDocument();
  });

  it("re-enables a disabled user with a temporary password", async () => {
    vi.mocked(listUsers).mockResolvedValue([ADMIN, JO, GONE]);
    vi.mocked(resetUserPassword).mockResolvedValue({
      ...GONE,
      disabled: false,
      mustChangePassword: true,
    });
    await renderUsers();
    const u = userEvent.setup();
    expect(screen.queryByTestId("disable-old.user")).not.toBeInTheDocument();
    expect(screen.queryByTestId("reset-old.user")).not.toBeInTheDocument();
    await u.click(await screen.findByTestId("enable-old.user"));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Re-enable Old User");
    expect(screen.getByText(/cannot unlock ForumDesk at the moment/)).toBeInTheDocument();
    await u.type(screen.getByLabelText("New temporary password"), "another temp pass");
    await u.type(screen.getByLabelText("Confirm new temporary password"), "another temp pass");
    await u.click(screen.getByRole("button", { name: "Re-enable" }));
    expect(resetUserPassword).toHaveBeenCalledWith({
      userId: "u-2",
      newPassword: "another temp pass",
      newPasswordConfirm: "another temp pass",
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Old User has been re-enabled.");
  });

  it("shows reset errors on the fields", async () => {
    vi.mocked(resetUserPassword).mockRejectedValue(
      appError("validation", "Check", { newPassword: "Use at least 12 characters" }),
    );
    await renderUsers();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("reset-jo.bloggs"));
    await u.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveFocus();
    expect(screen.getByLabelText("New temporary password")).toHaveAttribute("aria-invalid", "true");
  });

  it("shows hostile names as text, not HTML", async () => {
    vi.mocked(listUsers).mockResolvedValue([ADMIN, user({ displayName: HOSTILE })]);
    const table = await renderUsers();
    expect(within(table).getByRole("cell", { name: HOSTILE })).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
  });

  it("hands a locked error from the list to the app", async () => {
    vi.mocked(listUsers).mockRejectedValue(appError("locked", "Locked"));
    const onLocked = vi.fn();
    renderScreen(<Users session={session()} />, { onLocked });
    await waitFor(() => expect(onLocked).toHaveBeenCalled());
  });

  it("explains when the list cannot be loaded", async () => {
    vi.mocked(listUsers).mockRejectedValue("boom");
    renderScreen(<Users session={session()} />);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The list of users could not be shown",
    );
  });
});
