import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  auditActions,
  auditUsers,
  chooseSavePath,
  listAudit,
  saveAuditExport,
  verifyAudit,
} from "../backend";
import type { AuditRow } from "../bindings/AuditRow";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { AuditLog } from "./AuditLog";

vi.mock("../backend");

function row(seq: number, overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    seq,
    at: "2026-11-22T10:00:00Z",
    userId: "u-1",
    userName: "Jo Bloggs",
    username: "jo.bloggs",
    action: "member.viewed",
    actionWords: "Opened a member's record",
    entity: "person",
    entityId: "p-1",
    changes: {},
    ...overrides,
  };
}

beforeEach(() => {
  vi.mocked(auditUsers).mockResolvedValue([
    { id: "u-1", username: "jo.bloggs", displayName: "Jo Bloggs" },
  ]);
  vi.mocked(auditActions).mockResolvedValue([
    { action: "member.viewed", words: "Opened a member's record" },
  ]);
  vi.mocked(listAudit).mockResolvedValue({ entries: [row(3), row(2)], nextBefore: 2 });
});

describe("AuditLog", () => {
  it("shows the newest entries and pages back to older ones", async () => {
    renderScreen(<AuditLog session={session({ role: "officer" })} />);
    expect(await screen.findAllByText("Jo Bloggs", { selector: "td" })).toHaveLength(2);
    vi.mocked(listAudit).mockResolvedValue({
      entries: [row(1, { userName: null, actionWords: "Set up the forum" })],
      nextBefore: null,
    });
    await userEvent.click(screen.getByRole("button", { name: "Older entries" }));
    expect(await screen.findByText("Set up the forum")).toBeInTheDocument();
    expect(listAudit).toHaveBeenLastCalledWith(expect.objectContaining({ before: 2 }));
    expect(screen.queryByRole("button", { name: "Older entries" })).not.toBeInTheDocument();
    expect(screen.getAllByRole("row")).toHaveLength(4);
  });

  it("filters by user, action and dates, and shows date errors on the field", async () => {
    renderScreen(<AuditLog session={session()} />);
    await screen.findByTestId("audit-table");
    await userEvent.selectOptions(screen.getByLabelText("User"), "u-1");
    await userEvent.selectOptions(screen.getByLabelText("What was done"), "member.viewed");
    await userEvent.type(screen.getByLabelText("Person (record id)"), "p-1");
    await userEvent.type(screen.getByLabelText("From"), "01/04/2026");
    await userEvent.click(screen.getByRole("button", { name: "Show entries" }));
    await waitFor(() =>
      expect(listAudit).toHaveBeenLastCalledWith({
        personId: "p-1",
        userId: "u-1",
        action: "member.viewed",
        from: "01/04/2026",
        to: null,
        before: null,
        pageSize: 50,
      }),
    );
    vi.mocked(listAudit).mockRejectedValue(
      appError("validation", "Enter a real date", { to: "Enter a real date" }),
    );
    await userEvent.type(screen.getByLabelText("To"), "31/02/2026");
    await userEvent.click(screen.getByRole("button", { name: "Show entries" }));
    expect(await screen.findByRole("link", { name: "Enter a real date" })).toBeInTheDocument();
    expect(screen.getByLabelText("To")).toHaveAttribute("aria-invalid", "true");
  });

  it("checks the trail and announces the result", async () => {
    vi.mocked(verifyAudit).mockResolvedValue({ entries: 42, intact: true, problem: null });
    renderScreen(<AuditLog session={session()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Check the audit trail" }));
    expect(
      await screen.findByText("The audit trail is intact: 42 entries checked."),
    ).toBeInTheDocument();
    vi.mocked(verifyAudit).mockResolvedValue({
      entries: 42,
      intact: false,
      problem: "Entry 7 has been changed since it was written.",
    });
    await userEvent.click(screen.getByRole("button", { name: "Check the audit trail" }));
    expect(await screen.findByText(/tampered with: Entry 7 has been changed/)).toBeInTheDocument();
  });

  it("exports the filtered entries where the user chose", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue("/tmp/audit.csv");
    vi.mocked(saveAuditExport).mockResolvedValue({ fileName: "audit.csv", entries: 12 });
    renderScreen(<AuditLog session={session()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Export for an auditor" }));
    expect(await screen.findByText("12 entries saved for the auditor.")).toBeInTheDocument();
    expect(saveAuditExport).toHaveBeenCalledWith(
      expect.objectContaining({ before: null }),
      "/tmp/audit.csv",
    );
  });

  it("shows hostile text as text, and nothing to volunteers", async () => {
    vi.mocked(listAudit).mockResolvedValue({
      entries: [row(1, { userName: HOSTILE })],
      nextBefore: null,
    });
    const { unmount } = renderScreen(<AuditLog session={session()} />);
    expect(await screen.findByText(HOSTILE)).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    unmount();
    vi.mocked(listAudit).mockClear();
    renderScreen(<AuditLog session={session({ role: "volunteer" })} />);
    expect(screen.getByText("Only officers and admins can see the audit log.")).toBeInTheDocument();
    expect(listAudit).not.toHaveBeenCalled();
  });
});
