import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { unlockWithRecoveryKey } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { Recovery } from "./Recovery";

vi.mock("../backend");

function renderRecovery() {
  const props = { initialUsername: "", onUnlocked: vi.fn(), onBack: vi.fn() };
  renderScreen(<Recovery {...props} />);
  return props;
}

describe("Recovery", () => {
  it("has labelled fields", () => {
    renderRecovery();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Use the recovery key");
    expect(screen.getByLabelText("Recovery key")).toHaveAttribute("id", "recoveryKey");
    expect(screen.getByLabelText("Your user name")).toHaveAttribute("id", "username");
    expect(screen.getByLabelText("New password")).toHaveAttribute("autocomplete", "new-password");
    expect(screen.getByLabelText("Confirm new password")).toHaveAttribute(
      "id",
      "newPasswordConfirm",
    );
    expect(document.title).toBe("Use the recovery key – ForumDesk");
  });

  it("unlocks with the recovery key", async () => {
    const info = session();
    vi.mocked(unlockWithRecoveryKey).mockResolvedValue(info);
    const props = renderRecovery();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Recovery key"), "ABCD-EFGH");
    await user.type(screen.getByLabelText("Your user name"), "sam.admin");
    await user.type(screen.getByLabelText("New password"), "new long password");
    await user.type(screen.getByLabelText("Confirm new password"), "new long password");
    await user.click(screen.getByTestId("submit"));
    expect(unlockWithRecoveryKey).toHaveBeenCalledWith({
      recoveryKey: "ABCD-EFGH",
      username: "sam.admin",
      newPassword: "new long password",
      newPasswordConfirm: "new long password",
    });
    await waitFor(() => expect(props.onUnlocked).toHaveBeenCalledWith(info));
  });

  it("shows errors from the backend", async () => {
    vi.mocked(unlockWithRecoveryKey).mockRejectedValue(
      appError("validation", "Check the form", {
        recoveryKey: "That recovery key is not right",
        newPassword: "Use at least 12 characters",
      }),
    );
    const props = renderRecovery();
    await userEvent.setup().click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveFocus();
    expect(screen.getByLabelText("Recovery key")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription(
      /Error: Use at least 12 characters$/,
    );
    expect(props.onUnlocked).not.toHaveBeenCalled();
  });

  it("goes back to the Unlock screen", async () => {
    const props = renderRecovery();
    await userEvent.setup().click(screen.getByRole("button", { name: /Back to unlock/ }));
    expect(props.onBack).toHaveBeenCalled();
  });
});
