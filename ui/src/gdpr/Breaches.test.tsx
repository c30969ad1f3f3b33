import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { listBreaches, recordBreach, updateBreach } from "../backend";
import type { Breach } from "../bindings/Breach";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { Breaches } from "./Breaches";

vi.mock("../backend");

function breach(overrides: Partial<Breach> = {}): Breach {
  return {
    id: "b-1",
    happenedAt: "2026-11-21T13:00:00Z",
    discoveredAt: "2026-11-21T14:30:00Z",
    happenedOn: "2026-11-21",
    happenedTime: "13:00",
    discoveredOn: "2026-11-21",
    discoveredTime: "14:30",
    whatHappened: "Newsletter sent with every address visible",
    dataAffected: "E-mail addresses",
    peopleAffectedCount: 120,
    peopleAffected: null,
    riskLevel: "risk",
    riskAssessment: "Shows membership of a SEND forum",
    reportable: true,
    notReportableReason: null,
    reportedAt: null,
    reportedOn: null,
    reportedTime: null,
    icoReference: null,
    individualsTold: "not_yet",
    individualsToldOn: null,
    individualsNotToldReason: null,
    actionsTaken: null,
    lessonsLearned: null,
    status: "open",
    closedAt: null,
    icoDeadline: "2026-11-24T14:30:00Z",
    recordedByName: "Sam Admin",
    createdAt: "2026-11-21T15:00:00Z",
    updatedAt: "2026-11-21T15:00:00Z",
    ...overrides,
  };
}

beforeEach(() => {
  vi.mocked(listBreaches).mockResolvedValue([breach()]);
});

describe("Breaches", () => {
  it("lists breaches with the ICO deadline", async () => {
    renderScreen(<Breaches session={session({ role: "officer" })} />);
    const table = await screen.findByTestId("breaches-table");
    expect(table).toHaveTextContent("Newsletter sent with every address visible");
    expect(table).toHaveTextContent("Report by 24 November 2026");
  });

  it("records a breach, with errors on the fields and a reason asked for when not reportable", async () => {
    vi.mocked(recordBreach).mockRejectedValue(
      appError("validation", "There are 2 problems", {
        happenedOn: "Enter the date the breach happened",
        reportable: "Select whether the breach must be reported to the ICO",
      }),
    );
    renderScreen(<Breaches session={session()} />);
    await userEvent.click(await screen.findByTestId("record-breach"));
    await userEvent.click(screen.getByTestId("submit"));
    expect(
      await screen.findByRole("link", { name: "Enter the date the breach happened" }),
    ).toHaveAttribute("href", "#happenedOn");
    expect(
      screen.getByRole("link", { name: "Select whether the breach must be reported to the ICO" }),
    ).toHaveAttribute("href", "#reportable-yes");
    expect(screen.queryByLabelText("Why it does not need reporting")).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText("No"));
    await userEvent.type(screen.getByLabelText("Why it does not need reporting"), "Encrypted");
    await userEvent.type(screen.getByLabelText("What happened"), HOSTILE);
    vi.mocked(recordBreach).mockResolvedValue(breach());
    await userEvent.click(screen.getByTestId("submit"));
    expect(await screen.findByText("The breach has been recorded.")).toBeInTheDocument();
    expect(recordBreach).toHaveBeenLastCalledWith(
      expect.objectContaining({
        reportable: false,
        notReportableReason: "Encrypted",
        whatHappened: HOSTILE,
      }),
    );
  });

  it("updates a breach with what was stored, and can close it", async () => {
    vi.mocked(updateBreach).mockResolvedValue(breach({ status: "closed" }));
    renderScreen(<Breaches session={session()} />);
    await userEvent.click(await screen.findByRole("button", { name: /Update the breach/ }));
    expect(screen.getByLabelText("Time it was discovered")).toHaveValue("14:30");
    await userEvent.type(screen.getByLabelText("ICO reference (if given)"), "IC-1");
    await userEvent.click(screen.getByLabelText("Closed: dealt with"));
    await userEvent.click(screen.getByTestId("submit"));
    expect(await screen.findByText("The breach has been updated.")).toBeInTheDocument();
    expect(updateBreach).toHaveBeenCalledWith(
      "b-1",
      expect.objectContaining({
        icoReference: "IC-1",
        status: "closed",
        peopleAffectedCount: "120",
      }),
    );
  });

  it("shows nothing to volunteers", () => {
    renderScreen(<Breaches session={session({ role: "volunteer" })} />);
    expect(
      screen.getByText("Only officers and admins can see the breach register."),
    ).toBeInTheDocument();
    expect(listBreaches).not.toHaveBeenCalled();
  });
});
