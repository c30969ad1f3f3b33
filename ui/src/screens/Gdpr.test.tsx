import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  auditActions,
  auditUsers,
  listAudit,
  listBreaches,
  listDataRequests,
  processingDocuments,
  retentionQueue,
  retentionSettings,
} from "../backend";
import { renderScreen, session } from "../test/fixtures";
import { Gdpr } from "./Gdpr";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(listDataRequests).mockResolvedValue([]);
  vi.mocked(retentionQueue).mockResolvedValue([]);
  vi.mocked(retentionSettings).mockResolvedValue({
    leftMonths: 24,
    applicantMonths: 6,
    childAge: 25,
    auditMonths: 72,
  });
  vi.mocked(listAudit).mockResolvedValue({ entries: [], nextBefore: null });
  vi.mocked(auditUsers).mockResolvedValue([]);
  vi.mocked(auditActions).mockResolvedValue([]);
  vi.mocked(listBreaches).mockResolvedValue([]);
  vi.mocked(processingDocuments).mockResolvedValue({
    recordMarkdown: "# Record of processing",
    recordHtml: "<!DOCTYPE html>",
    noticeMarkdown: "# Privacy notice",
    noticeHtml: "<!DOCTYPE html>",
    recordFileStem: "record-of-processing-2026-11-22",
    noticeFileStem: "privacy-notice-2026-11-22",
  });
});

function tabNames(): string[] {
  const list = screen.getByRole("tablist", { name: "Data protection" });
  return within(list)
    .getAllByRole("tab")
    .map((tab) => tab.textContent ?? "");
}

describe("Data protection area", () => {
  it("gives an admin the requests first, then every other duty", async () => {
    renderScreen(<Gdpr session={session({ role: "admin" })} />);
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Data protection");
    expect(tabNames()).toEqual([
      "Requests",
      "Retention",
      "Audit log",
      "Breaches",
      "Record of processing",
    ]);
    expect(
      await screen.findByRole("heading", { name: "Requests about people's data" }),
    ).toBeVisible();
    expect(listDataRequests).toHaveBeenCalled();
  });

  it("does not offer subject access and erasure requests to an officer", async () => {
    renderScreen(<Gdpr session={session({ role: "officer" })} />);
    expect(tabNames()).toEqual(["Retention", "Audit log", "Breaches", "Record of processing"]);
    expect(listDataRequests).not.toHaveBeenCalled();
  });

  it("moves between the duties with the tabs", async () => {
    renderScreen(<Gdpr session={session({ role: "officer" })} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("tab", { name: "Breaches" }));
    expect(screen.getByRole("tab", { name: "Breaches" })).toHaveAttribute("aria-selected", "true");
    expect(listBreaches).toHaveBeenCalled();
    await user.click(screen.getByRole("tab", { name: "Audit log" }));
    expect(listAudit).toHaveBeenCalled();
  });
});
