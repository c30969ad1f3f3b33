import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { updateSettings } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { Settings } from "./Settings";

vi.mock("../backend");

describe("Settings", () => {
  it("shows the current idle lock time", () => {
    renderScreen(<Settings session={session({ idleLockMinutes: 20 })} onSaved={vi.fn()} />);
    expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    const input = screen.getByLabelText("Lock ForumDesk after this many minutes without activity");
    expect(input).toHaveAttribute("id", "idleLockMinutes");
    expect(input).toHaveValue("20");
    expect(input).toHaveAccessibleDescription(/From 1 to 240 minutes/);
  });

  it("saves a new time", async () => {
    const saved = session({ idleLockMinutes: 5 });
    vi.mocked(updateSettings).mockResolvedValue(saved);
    const onSaved = vi.fn();
    renderScreen(<Settings session={session()} onSaved={onSaved} />);
    const user = userEvent.setup();
    const input = screen.getByLabelText(/minutes without activity/);
    await user.clear(input);
    await user.type(input, "5");
    await user.click(screen.getByTestId("submit"));
    expect(updateSettings).toHaveBeenCalledWith({ idleLockMinutes: 5 });
    expect(onSaved).toHaveBeenCalledWith(saved);
    expect(await screen.findByRole("status")).toHaveTextContent("after 5 minutes");
  });

  it.each(["", "abc", "0", "241", "1.5"])(
    "refuses %j without calling the backend",
    async (value) => {
      renderScreen(<Settings session={session()} onSaved={vi.fn()} />);
      const user = userEvent.setup();
      const input = screen.getByLabelText(/minutes without activity/);
      await user.clear(input);
      if (value) await user.type(input, value);
      await user.click(screen.getByTestId("submit"));
      expect(updateSettings).not.toHaveBeenCalled();
      expect(screen.getByTestId("error-summary")).toHaveFocus();
      expect(input).toHaveAttribute("aria-invalid", "true");
    },
  );

  it("shows a backend error on the field", async () => {
    vi.mocked(updateSettings).mockRejectedValue(
      appError("validation", "Check", { idleLockMinutes: "Choose a shorter time" }),
    );
    renderScreen(<Settings session={session()} onSaved={vi.fn()} />);
    await userEvent.setup().click(screen.getByTestId("submit"));
    expect(await screen.findByRole("link", { name: "Choose a shorter time" })).toHaveAttribute(
      "href",
      "#idleLockMinutes",
    );
  });

  it("is for admins only", () => {
    renderScreen(<Settings session={session({ role: "officer" })} onSaved={vi.fn()} />);
    expect(screen.queryByLabelText(/minutes without activity/)).not.toBeInTheDocument();
    expect(screen.getByText(/Only an admin can change settings/)).toBeInTheDocument();
  });
});
