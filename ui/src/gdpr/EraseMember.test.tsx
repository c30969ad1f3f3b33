import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { erasePerson } from "../backend";
import type { ErasureReport } from "../bindings/ErasureReport";
import { appError, renderScreen, session } from "../test/fixtures";
import { EraseMember } from "./EraseMember";

vi.mock("../backend");

const REPORT: ErasureReport = {
  people: 1,
  childrenRemoved: 1,
  consentEventsDeleted: 3,
  contactRolesDeleted: 0,
  coOptionsDeleted: 0,
  mergeSnapshotsCleared: 0,
  requestsUnlinked: 0,
  erasedAt: "2026-11-22T10:00:00Z",
};

beforeEach(() => {
  vi.mocked(erasePerson).mockResolvedValue(REPORT);
});

describe("EraseMember", () => {
  it("spells out the consequences and erases only once ERASE is typed", async () => {
    const onDone = vi.fn();
    renderScreen(<EraseMember session={session()} personId="p-1" onDone={onDone} />);
    expect(screen.getByText("This cannot be undone.")).toBeInTheDocument();
    expect(screen.getByTestId("erase-goes")).toHaveTextContent("children's needs");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Type ERASE to confirm"), "erase");
    await user.click(screen.getByTestId("erase-submit"));
    expect(erasePerson).not.toHaveBeenCalled();
    expect(
      await screen.findAllByText("Type ERASE to confirm, in capital letters"),
    ).not.toHaveLength(0);
    await user.clear(screen.getByLabelText("Type ERASE to confirm"));
    await user.type(screen.getByLabelText("Type ERASE to confirm"), "ERASE");
    await user.type(screen.getByLabelText("Erasure request reference (optional)"), "r-7");
    await user.click(screen.getByTestId("erase-submit"));
    expect(erasePerson).toHaveBeenCalledWith("p-1", "r-7");
    expect(onDone).toHaveBeenCalledWith(REPORT);
  });

  it("shows the service's refusal", async () => {
    vi.mocked(erasePerson).mockRejectedValue(
      appError("conflict", "This person's details have already been erased."),
    );
    renderScreen(<EraseMember session={session()} personId="p-1" onDone={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Type ERASE to confirm"), "ERASE");
    await user.click(screen.getByTestId("erase-submit"));
    expect(
      await screen.findByText("This person's details have already been erased."),
    ).toBeInTheDocument();
  });

  it("is for admins only", () => {
    renderScreen(
      <EraseMember session={session({ role: "officer" })} personId="p-1" onDone={vi.fn()} />,
    );
    expect(screen.getByTestId("erase-not-allowed")).toBeInTheDocument();
    expect(screen.queryByTestId("erase-submit")).toBeNull();
  });
});
