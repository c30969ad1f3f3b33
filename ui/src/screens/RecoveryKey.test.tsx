import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderScreen } from "../test/fixtures";
import { RecoveryKey } from "./RecoveryKey";

describe("RecoveryKey", () => {
  it("shows the key once with an explanation", () => {
    renderScreen(<RecoveryKey recoveryKey="ABCD-EFGH-IJKL" onContinue={vi.fn()} />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Save your recovery key");
    expect(screen.getByTestId("recovery-key")).toHaveTextContent("ABCD-EFGH-IJKL");
    expect(screen.getByText(/Anyone who has the recovery key can open/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /copy/i })).not.toBeInTheDocument();
    expect(document.title).toBe("Save your recovery key – ForumDesk");
  });

  it("refuses to continue until the box is ticked", async () => {
    const onContinue = vi.fn();
    renderScreen(<RecoveryKey recoveryKey="KEY" onContinue={onContinue} />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId("submit"));

    expect(onContinue).not.toHaveBeenCalled();
    const summary = screen.getByTestId("error-summary");
    expect(summary).toHaveFocus();
    expect(screen.getByRole("link", { name: /Tick the box/ })).toHaveAttribute(
      "href",
      "#recoverySaved",
    );
    const checkbox = screen.getByTestId("recovery-saved");
    expect(checkbox).toHaveAttribute("aria-invalid", "true");
    expect(checkbox).toHaveAccessibleDescription(/^Error: Tick the box/);

    await user.click(screen.getByLabelText("I have saved the recovery key somewhere safe"));
    await user.click(screen.getByTestId("submit"));
    expect(onContinue).toHaveBeenCalledTimes(1);
  });
});
