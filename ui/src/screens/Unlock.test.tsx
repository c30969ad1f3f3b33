import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { unlock } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { Unlock } from "./Unlock";

vi.mock("../backend");

function renderUnlock(initialUsername = "") {
  const props = { initialUsername, onUnlocked: vi.fn(), onForgotten: vi.fn() };
  renderScreen(<Unlock {...props} />);
  return props;
}

describe("Unlock", () => {
  it("has a heading, labelled fields and a title", () => {
    renderUnlock();
    expect(screen.getByRole("heading", { level: 1, name: "Unlock ForumDesk" })).toBeInTheDocument();
    expect(screen.getByLabelText("User name")).toHaveAttribute("id", "username");
    expect(screen.getByLabelText("Password")).toHaveAttribute("autocomplete", "current-password");
    expect(screen.getByTestId("submit")).toHaveTextContent("Unlock");
    expect(document.title).toBe("Unlock – ForumDesk");
  });

  it("prefills the last user name", () => {
    renderUnlock("sam.admin");
    expect(screen.getByLabelText("User name")).toHaveValue("sam.admin");
  });

  it("calls unlock and hands on the session", async () => {
    const info = session();
    vi.mocked(unlock).mockResolvedValue(info);
    const props = renderUnlock("sam.admin");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Password"), "my secret words");
    await user.click(screen.getByTestId("submit"));
    expect(unlock).toHaveBeenCalledWith({ username: "sam.admin", password: "my secret words" });
    await waitFor(() => expect(props.onUnlocked).toHaveBeenCalledWith(info));
  });

  it("shows a wrong password message in the summary and clears the password", async () => {
    vi.mocked(unlock).mockRejectedValue(
      appError("forbidden", "The user name or password is not right."),
    );
    const props = renderUnlock("sam.admin");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveTextContent("The user name or password is not right.");
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(props.onUnlocked).not.toHaveBeenCalled();
  });

  it("shows throttling (kind locked) in the summary", async () => {
    vi.mocked(unlock).mockRejectedValue(
      appError("locked", "Too many tries. Wait 30 seconds, then try again."),
    );
    renderUnlock("sam.admin");
    await userEvent.setup().click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "Too many tries. Wait 30 seconds, then try again.",
    );
  });

  it("shows field errors on the fields", async () => {
    vi.mocked(unlock).mockRejectedValue(
      appError("validation", "Check the form", { username: "Enter your user name" }),
    );
    renderUnlock();
    await userEvent.setup().click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(screen.getByLabelText("User name")).toHaveAccessibleDescription(
      "Error: Enter your user name",
    );
  });

  it("offers the recovery key as a button", async () => {
    const props = renderUnlock();
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: "Forgotten your password? Use the recovery key" }));
    expect(props.onForgotten).toHaveBeenCalled();
  });
});
