import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { retentionSettings, updateRetentionSettings } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { RetentionSchedule } from "./RetentionSchedule";

vi.mock("../backend");

const DEFAULTS = { leftMonths: 24, applicantMonths: 6, childAge: 25, auditMonths: 72 };

beforeEach(() => {
  vi.mocked(retentionSettings).mockResolvedValue(DEFAULTS);
  vi.mocked(updateRetentionSettings).mockImplementation(async (input) => input);
});

describe("RetentionSchedule", () => {
  it("lets an admin change the schedule, checking whole numbers first", async () => {
    renderScreen(<RetentionSchedule session={session()} />);
    const left = await screen.findByLabelText("Review members who lapsed or left after");
    expect(left).toHaveValue("24");
    const user = userEvent.setup();
    await user.clear(left);
    await user.type(left, "two years");
    await user.click(screen.getByTestId("schedule-submit"));
    expect(updateRetentionSettings).not.toHaveBeenCalled();
    expect(await screen.findAllByText("Enter a whole number, for example 24")).not.toHaveLength(0);
    await user.clear(left);
    await user.type(left, "36");
    await user.click(screen.getByTestId("schedule-submit"));
    expect(updateRetentionSettings).toHaveBeenCalledWith({ ...DEFAULTS, leftMonths: 36 });
  });

  it("shows the core's range error on the field", async () => {
    vi.mocked(updateRetentionSettings).mockRejectedValue(
      appError("validation", "There is a problem", {
        childAge: "Enter an age between 16 and 30",
      }),
    );
    renderScreen(<RetentionSchedule session={session()} />);
    const age = await screen.findByLabelText("Remove a young person's needs once they are past");
    const user = userEvent.setup();
    await user.clear(age);
    await user.type(age, "40");
    await user.click(screen.getByTestId("schedule-submit"));
    expect(await screen.findAllByText("Enter an age between 16 and 30")).not.toHaveLength(0);
  });

  it("shows officers the schedule without a form", async () => {
    renderScreen(<RetentionSchedule session={session({ role: "officer" })} />);
    expect(await screen.findByTestId("schedule-summary")).toHaveTextContent(
      "Review members who lapsed or left after 24 months",
    );
    expect(screen.queryByTestId("schedule-submit")).toBeNull();
  });
});
