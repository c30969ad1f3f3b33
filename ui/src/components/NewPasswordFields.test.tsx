import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { CONFIRM_HINT, PASSWORD_HINT } from "../hints";
import { NewPasswordFields } from "./NewPasswordFields";

function renderFields(overrides: Partial<Parameters<typeof NewPasswordFields>[0]> = {}) {
  const props = {
    name: "newPassword",
    confirmName: "newPasswordConfirm",
    label: "New password",
    confirmLabel: "Confirm new password",
    value: "",
    confirmValue: "",
    onChange: vi.fn(),
    onConfirmChange: vi.fn(),
    errorFor: () => undefined,
    ...overrides,
  };
  render(<NewPasswordFields {...props} />);
  return props;
}

describe("NewPasswordFields", () => {
  it("labels both fields and uses the names as ids", () => {
    renderFields();
    const first = screen.getByLabelText("New password");
    const second = screen.getByLabelText("Confirm new password");
    expect(first).toHaveAttribute("id", "newPassword");
    expect(first).toHaveAttribute("name", "newPassword");
    expect(second).toHaveAttribute("id", "newPasswordConfirm");
    for (const input of [first, second]) {
      expect(input).toHaveAttribute("type", "password");
      expect(input).toHaveAttribute("autocomplete", "new-password");
      expect(input).toHaveClass("width-20");
    }
  });

  it("wires the default hints through aria-describedby", () => {
    renderFields();
    expect(screen.getByLabelText("New password")).toHaveAttribute(
      "aria-describedby",
      "newPassword-hint",
    );
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription(PASSWORD_HINT);
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription(CONFIRM_HINT);
  });

  it("lets the first hint be replaced, keeping the confirmation hint", () => {
    renderFields({ hint: "Give them this one." });
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription(
      "Give them this one.",
    );
    expect(screen.queryByText(PASSWORD_HINT)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription(CONFIRM_HINT);
  });

  it("shows each error on its own field", () => {
    const errors: Record<string, string> = { newPasswordConfirm: "The passwords do not match" };
    renderFields({ errorFor: (field) => errors[field] });
    const first = screen.getByLabelText("New password");
    const second = screen.getByLabelText("Confirm new password");
    expect(first).not.toHaveAttribute("aria-invalid");
    expect(first).toHaveAttribute("aria-describedby", "newPassword-hint");
    expect(second).toHaveAttribute("aria-invalid", "true");
    expect(second).toHaveAttribute(
      "aria-describedby",
      "newPasswordConfirm-hint newPasswordConfirm-error",
    );
    expect(second).toHaveAccessibleDescription(`${CONFIRM_HINT} Error: The passwords do not match`);
  });

  it("calls the matching change handler", async () => {
    const props = renderFields();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("New password"), "a");
    await user.type(screen.getByLabelText("Confirm new password"), "b");
    expect(props.onChange).toHaveBeenCalledExactlyOnceWith("a");
    expect(props.onConfirmChange).toHaveBeenCalledExactlyOnceWith("b");
  });
});
