import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { applyRetention, keepRetention, retentionQueue } from "../backend";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { Retention } from "./Retention";
import { APPLICANT, AUDIT, LEFT, retentionEntry } from "./retentionFixtures";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(retentionQueue).mockResolvedValue([LEFT, APPLICANT, AUDIT]);
  vi.mocked(applyRetention).mockResolvedValue({
    peopleErased: 2,
    childrenRemoved: 0,
    auditEntriesRemoved: 12,
  });
  vi.mocked(keepRetention).mockResolvedValue(1);
});

async function renderQueue(role: "admin" | "officer" = "officer") {
  renderScreen(<Retention session={session({ role })} />);
  return screen.findByTestId("retention-table");
}

describe("Retention", () => {
  it("lists each entry with its reason; old audit entries are one entry", async () => {
    const table = await renderQueue();
    const rows = within(table).getAllByTestId("retention-row");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("Lapsed or left");
    expect(rows[0]).toHaveTextContent("Sam Doe");
    expect(rows[0]).toHaveTextContent("Left on 03/01/2024, more than 24 months ago");
    expect(rows[2]).toHaveTextContent("Old audit entries");
    expect(rows[2]).toHaveTextContent("can still be checked");
    expect(within(rows[2] as HTMLElement).getByRole("checkbox")).not.toBeChecked();
    expect(screen.getByTestId("erase-selected")).toBeDisabled();
  });

  it("erases what is selected after confirming", async () => {
    await renderQueue();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("select-all"));
    await user.click(screen.getByTestId("erase-selected"));
    expect(screen.getByTestId("confirm-erase")).toHaveTextContent(
      "Erase 3 entries? This cannot be undone.",
    );
    expect(applyRetention).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("confirm-erase-submit"));
    expect(applyRetention).toHaveBeenCalledWith([
      { rule: "left_members", subjectId: "p-1" },
      { rule: "unconfirmed_applicants", subjectId: "p-2" },
      { rule: "audit_entries", subjectId: "audit_log" },
    ]);
    expect(await screen.findByText(/12 old audit entries removed/)).toBeInTheDocument();
    expect(retentionQueue).toHaveBeenCalledTimes(2);
  });

  it("keeps one entry with a reason, showing the error on the field", async () => {
    vi.mocked(keepRetention)
      .mockRejectedValueOnce(
        appError("validation", "There is a problem", {
          reason: "Enter why the forum is keeping this",
        }),
      )
      .mockResolvedValueOnce(1);
    await renderQueue("admin");
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Select Ola Nowak"));
    await user.click(screen.getByTestId("keep-selected"));
    await user.click(screen.getByTestId("keep-submit"));
    expect(await screen.findAllByText("Enter why the forum is keeping this")).not.toHaveLength(0);
    await user.type(screen.getByLabelText("Why is the forum keeping this?"), HOSTILE);
    await user.click(screen.getByTestId("keep-submit"));
    expect(keepRetention).toHaveBeenLastCalledWith(
      [{ rule: "unconfirmed_applicants", subjectId: "p-2" }],
      HOSTILE,
    );
  });

  it("shows names as text, never markup", async () => {
    vi.mocked(retentionQueue).mockResolvedValue([retentionEntry({ name: HOSTILE })]);
    const table = await renderQueue();
    expect(table).toHaveTextContent(HOSTILE);
    expect(table.querySelector("img")).toBeNull();
  });

  it("says so when the queue is empty", async () => {
    vi.mocked(retentionQueue).mockResolvedValue([]);
    renderScreen(<Retention session={session()} />);
    expect(await screen.findByTestId("retention-empty")).toBeInTheDocument();
  });

  it("is for officers and admins only", () => {
    renderScreen(<Retention session={session({ role: "volunteer" })} />);
    expect(screen.getByTestId("retention-not-allowed")).toBeInTheDocument();
    expect(retentionQueue).not.toHaveBeenCalled();
  });
});
