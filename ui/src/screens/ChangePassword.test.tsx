import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { changeOwnPassword } from "../backend";
import { appError, renderScreen } from "../test/fixtures";
import { ChangePassword } from "./ChangePassword";

vi.mock("../backend");

describe("ChangePassword", () => {
  it("has labelled password fields", () => {
    renderScreen(<ChangePassword mustChange={false} onChanged={vi.fn()} />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Change your password");
    expect(screen.getByLabelText("Current password")).toHaveAttribute(
      "autocomplete",
      "current-password",
    );
    expect(screen.getByLabelText("New password")).toHaveAttribute("id", "newPassword");
    expect(screen.getByLabelText("Confirm new password")).toHaveAttribute(
      "autocomplete",
      "new-password",
    );
    expect(screen.queryByText(/You need to choose a new password/)).not.toBeInTheDocument();
    expect(document.title).toBe("Change your password – ForumDesk");
  });

  it("explains a temporary password must be changed", () => {
    renderScreen(<ChangePassword mustChange={true} onChanged={vi.fn()} />);
    expect(screen.getByText(/You need to choose a new password/)).toBeInTheDocument();
    expect(screen.getByLabelText("Temporary password")).toHaveAttribute("id", "currentPassword");
  });

  it("changes the password and says so", async () => {
    vi.mocked(changeOwnPassword).mockResolvedValue(undefined);
    const onChanged = vi.fn();
    renderScreen(<ChangePassword mustChange={false} onChanged={onChanged} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Current password"), "old words here");
    await user.type(screen.getByLabelText("New password"), "brand new words");
    await user.type(screen.getByLabelText("Confirm new password"), "brand new words");
    await user.click(screen.getByTestId("submit"));
    expect(changeOwnPassword).toHaveBeenCalledWith({
      currentPassword: "old words here",
      newPassword: "brand new words",
      newPasswordConfirm: "brand new words",
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Your password has been changed");
    expect(onChanged).toHaveBeenCalled();
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("shows field errors and the summary", async () => {
    vi.mocked(changeOwnPassword).mockRejectedValue(
      appError("validation", "Check the form", {
        currentPassword: "Your current password is not right",
        newPasswordConfirm: "The passwords do not match",
      }),
    );
    const onChanged = vi.fn();
    renderScreen(<ChangePassword mustChange={false} onChanged={onChanged} />);
    await userEvent.setup().click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent("Your current password is not right");
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription(
      /Error: The passwords do not match$/,
    );
    expect(screen.getByRole("status")).toHaveTextContent("");
    expect(onChanged).not.toHaveBeenCalled();
  });

  it("hands a locked error to the app instead of the form", async () => {
    vi.mocked(changeOwnPassword).mockRejectedValue(appError("locked", "ForumDesk is locked"));
    const onLocked = vi.fn();
    renderScreen(<ChangePassword mustChange={false} onChanged={vi.fn()} />, { onLocked });
    await userEvent.setup().click(screen.getByTestId("submit"));
    expect(onLocked).toHaveBeenCalledWith(appError("locked", "ForumDesk is locked"));
    expect(screen.queryByTestId("error-summary")).not.toBeInTheDocument();
  });
});
