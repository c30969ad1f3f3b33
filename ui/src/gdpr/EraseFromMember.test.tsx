import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  consentHistory,
  consentPurposes,
  erasePerson,
  getMember,
  memberDuplicates,
  membershipHistory,
} from "../backend";
import { Member } from "../screens/Member";
import { renderScreen, session } from "../test/fixtures";
import { memberRecord, PURPOSES } from "../test/members";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(memberDuplicates).mockResolvedValue([]);
  vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
  vi.mocked(consentHistory).mockResolvedValue([]);
  vi.mocked(membershipHistory).mockResolvedValue([]);
  vi.mocked(getMember).mockResolvedValue(memberRecord());
  vi.mocked(erasePerson).mockResolvedValue({
    people: 1,
    childrenRemoved: 0,
    consentEventsDeleted: 0,
    contactRolesDeleted: 0,
    coOptionsDeleted: 0,
    mergeSnapshotsCleared: 0,
    requestsUnlinked: 0,
    erasedAt: "2026-11-22T10:00:00Z",
  });
});

function renderMember(role: "admin" | "officer", onBack = vi.fn()) {
  renderScreen(
    <Member session={session({ role })} personId="p-1" initialRecord={null} onBack={onBack} />,
  );
  return screen.findByRole("tablist");
}

describe("Erasing from the member page", () => {
  it("offers admins 'Erase this person', which asks for ERASE and goes back after", async () => {
    const onBack = vi.fn();
    await renderMember("admin", onBack);
    const user = userEvent.setup();
    await user.click(screen.getByTestId("erase-person"));
    expect(screen.getByTestId("erase-member")).toBeInTheDocument();
    await user.click(screen.getByTestId("erase-cancel"));
    expect(await screen.findByRole("tablist")).toBeInTheDocument();
    await user.click(screen.getByTestId("erase-person"));
    await user.type(screen.getByLabelText("Type ERASE to confirm"), "ERASE");
    await user.click(screen.getByTestId("erase-submit"));
    expect(erasePerson).toHaveBeenCalledWith("p-1", null);
    expect(onBack).toHaveBeenCalled();
  });

  it("does not offer it to officers", async () => {
    await renderMember("officer");
    expect(screen.queryByTestId("erase-person")).toBeNull();
  });
});
