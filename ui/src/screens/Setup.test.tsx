import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { setupForum } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { Setup } from "./Setup";

vi.mock("../backend");

async function fill(values: Record<string, string>) {
  const user = userEvent.setup();
  for (const [label, value] of Object.entries(values)) {
    await user.click(screen.getByLabelText(label));
    await user.paste(value);
  }
  return user;
}

const VALUES = {
  "Forum name": "Lancashire Parent Carer Forum",
  "Your name": "Sam Admin",
  "User name": "sam.admin",
  Password: "correct horse battery staple",
  "Confirm password": "correct horse battery staple",
};

describe("Setup", () => {
  it("has a heading, labelled fields with hints, and a title", () => {
    renderScreen(<Setup onDone={vi.fn()} />);
    expect(screen.getByRole("heading", { level: 1, name: "Set up ForumDesk" })).toBeInTheDocument();
    expect(screen.getByLabelText("Forum name")).toHaveAttribute("id", "forumName");
    expect(screen.getByLabelText("Forum name")).toHaveAccessibleDescription(
      "For example, Lancashire Parent Carer Forum",
    );
    expect(screen.getByLabelText("Your name")).toHaveAttribute("id", "adminDisplayName");
    expect(screen.getByLabelText("User name")).toHaveAttribute("autocomplete", "username");
    expect(screen.getByLabelText("Password")).toHaveAttribute("type", "password");
    expect(screen.getByLabelText("Password")).toHaveAttribute("autocomplete", "new-password");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(/at least 12 characters/);
    expect(screen.getByLabelText("Confirm password")).toHaveAttribute("id", "passwordConfirm");
    expect(document.title).toBe("Set up ForumDesk – ForumDesk");
  });

  it("sends the form to setupForum and hands on the result", async () => {
    const result = { recoveryKey: "ABCD-EFGH", session: session() };
    vi.mocked(setupForum).mockResolvedValue(result);
    const onDone = vi.fn();
    renderScreen(<Setup onDone={onDone} />);
    const user = await fill(VALUES);
    await user.click(screen.getByTestId("submit"));
    expect(setupForum).toHaveBeenCalledWith({
      forumName: "Lancashire Parent Carer Forum",
      adminDisplayName: "Sam Admin",
      adminUsername: "sam.admin",
      password: "correct horse battery staple",
      passwordConfirm: "correct horse battery staple",
    });
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(result));
  });

  it("shows field errors and a focused error summary from a validation error", async () => {
    vi.mocked(setupForum).mockRejectedValue(
      appError("validation", "Check the form", {
        passwordConfirm: "The passwords do not match",
        forumName: "Enter your forum's name",
      }),
    );
    const onDone = vi.fn();
    renderScreen(<Setup onDone={onDone} />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId("submit"));

    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveAttribute("role", "alert");
    expect(summary).toHaveFocus();
    expect(screen.getByRole("heading", { name: "There is a problem" })).toBeInTheDocument();
    // Links in form order, pointing at the fields.
    const links = screen.getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual([
      "Enter your forum's name",
      "The passwords do not match",
    ]);
    expect(links[0]).toHaveAttribute("href", "#forumName");
    expect(links[1]).toHaveAttribute("href", "#passwordConfirm");

    const forumName = screen.getByLabelText("Forum name");
    expect(forumName).toHaveAttribute("aria-invalid", "true");
    expect(forumName).toHaveAccessibleDescription(
      "For example, Lancashire Parent Carer Forum Error: Enter your forum's name",
    );
    expect(screen.getByLabelText("Your name")).not.toHaveAttribute("aria-invalid");
    expect(document.title).toBe("Error: Set up ForumDesk – ForumDesk");
    expect(onDone).not.toHaveBeenCalled();

    await user.click(links[1] as HTMLElement);
    expect(screen.getByLabelText("Confirm password")).toHaveFocus();
  });

  it("shows a message without fields in the summary", async () => {
    vi.mocked(setupForum).mockRejectedValue(appError("conflict", "ForumDesk is already set up."));
    renderScreen(<Setup onDone={vi.fn()} />);
    await userEvent.setup().click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "ForumDesk is already set up.",
    );
  });

  it("passes a 10,000 character forum name through unchanged", async () => {
    vi.mocked(setupForum).mockResolvedValue({ recoveryKey: "K", session: session() });
    const long = "F".repeat(10_000);
    renderScreen(<Setup onDone={vi.fn()} />);
    const user = await fill({ "Forum name": long });
    await user.click(screen.getByTestId("submit"));
    expect(vi.mocked(setupForum).mock.calls[0]?.[0].forumName).toBe(long);
  });

  it("lets the password be shown and hidden", async () => {
    renderScreen(<Setup onDone={vi.fn()} />);
    const user = userEvent.setup();
    const password = screen.getByLabelText("Password");
    await user.click(screen.getByRole("button", { name: "Show password" }));
    expect(password).toHaveAttribute("type", "text");
    await user.click(screen.getByRole("button", { name: "Hide password" }));
    expect(password).toHaveAttribute("type", "password");
  });
});
