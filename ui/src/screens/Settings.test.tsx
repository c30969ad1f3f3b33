import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { membershipSettings, updateMembershipSettings, updateSettings } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { Settings } from "./Settings";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(membershipSettings).mockResolvedValue({ renewalMonths: 12, lapseAfterDays: 90 });
  vi.mocked(updateMembershipSettings).mockImplementation(async (input) => input);
});

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

  it("shows and saves the renewal period and the grace before lapsing", async () => {
    vi.mocked(updateSettings).mockResolvedValue(session());
    renderScreen(<Settings session={session()} onSaved={vi.fn()} />);
    const renewal = await screen.findByLabelText(
      "How often members renew or reconfirm their membership",
    );
    const lapse = screen.getByLabelText(/before a membership that was not renewed lapses/);
    expect(renewal).toHaveValue("12");
    expect(lapse).toHaveValue("90");
    expect(lapse).toHaveAccessibleDescription(/From 0 to 730 days/);
    const user = userEvent.setup();
    await user.clear(renewal);
    await user.type(renewal, "24");
    await user.clear(lapse);
    await user.type(lapse, "0");
    await user.click(screen.getByTestId("submit"));
    expect(updateMembershipSettings).toHaveBeenCalledWith({ renewalMonths: 24, lapseAfterDays: 0 });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "renewed every 24 months and lapse 0 days after the renewal date",
    );
  });

  it.each([
    ["renewalMonths", "0"],
    ["renewalMonths", "61"],
    ["lapseAfterDays", "731"],
    ["lapseAfterDays", "-1"],
  ])("refuses %s = %j on its field without saving anything", async (field, value) => {
    renderScreen(<Settings session={session()} onSaved={vi.fn()} />);
    const input = await screen.findByRole("textbox", {
      name: field === "renewalMonths" ? /renew or reconfirm/ : /lapses/,
    });
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, value);
    await user.click(screen.getByTestId("submit"));
    expect(updateSettings).not.toHaveBeenCalled();
    expect(updateMembershipSettings).not.toHaveBeenCalled();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("error-summary")).toHaveFocus();
    expect(screen.getByRole("link", { name: /Enter a whole number/ })).toHaveAttribute(
      "href",
      `#${field}`,
    );
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
