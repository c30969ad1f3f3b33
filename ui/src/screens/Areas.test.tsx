import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { listAreas, saveArea } from "../backend";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { AREAS } from "../test/members";
import { Areas } from "./Areas";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(listAreas).mockResolvedValue(AREAS);
});

async function renderAreas() {
  renderScreen(<Areas session={session()} />);
  return screen.findByTestId("areas-table");
}

describe("Areas", () => {
  it("lists each area with its postcode districts", async () => {
    const table = await renderAreas();
    expect(screen.getByRole("heading", { level: 1, name: "Areas" })).toBeInTheDocument();
    expect(within(table).getByText("The forum's areas").tagName).toBe("CAPTION");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[1]?.textContent)).toEqual([
      "PR1, PR2",
      "PR6, PR7",
    ]);
    expect(within(table).getByRole("button", { name: "Change Preston" })).toBeInTheDocument();
  });

  it("adds an area with its districts as typed", async () => {
    vi.mocked(saveArea).mockResolvedValue({ id: "a-3", name: "Leyland", districts: ["PR25"] });
    await renderAreas();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("add-area"));
    expect(screen.getByRole("heading", { level: 1, name: "Add an area" })).toBeInTheDocument();
    const districts = screen.getByLabelText("Postcode districts");
    expect(districts.tagName).toBe("TEXTAREA");
    expect(districts).toHaveAccessibleDescription(/Postcode districts, for example PR1, PR2/);
    await user.type(screen.getByLabelText("Name of the area"), "Leyland");
    await user.type(districts, "pr25");
    await user.click(screen.getByTestId("submit"));
    expect(saveArea).toHaveBeenCalledWith(null, { name: "Leyland", districts: "pr25" });
    expect(await screen.findByTestId("areas-table")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Leyland has been saved.");
    expect(listAreas).toHaveBeenCalledTimes(2);
  });

  it("changes an area, starting from what it has now", async () => {
    vi.mocked(saveArea).mockResolvedValue(AREAS[0] as (typeof AREAS)[number]);
    await renderAreas();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Change Preston" }));
    expect(screen.getByLabelText("Name of the area")).toHaveValue("Preston");
    expect(screen.getByLabelText("Postcode districts")).toHaveValue("PR1, PR2");
    await user.click(screen.getByTestId("submit"));
    expect(saveArea).toHaveBeenCalledWith("a-1", { name: "Preston", districts: "PR1, PR2" });
  });

  it("shows the core's errors on the fields", async () => {
    vi.mocked(saveArea).mockRejectedValue(
      appError("validation", "Check", {
        districts: `"${HOSTILE}" is not a postcode district (for example PR1 or BB11)`,
      }),
    );
    await renderAreas();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("add-area"));
    await user.type(screen.getByLabelText("Postcode districts"), "nonsense");
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveFocus();
    expect(screen.getByRole("link", { name: /is not a postcode district/ })).toHaveAttribute(
      "href",
      "#districts",
    );
    expect(screen.getByLabelText("Postcode districts")).toHaveAttribute("aria-invalid", "true");
    expect(document.querySelector("img")).toBeNull();
  });

  it("is for admins only", () => {
    renderScreen(<Areas session={session({ role: "officer" })} />);
    expect(screen.getByText(/Only an admin can change the forum's areas/)).toBeInTheDocument();
    expect(listAreas).not.toHaveBeenCalled();
  });
});
