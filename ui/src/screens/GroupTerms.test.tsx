import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { addAffiliationTerms, affiliationTerms, getOrganisation, steeringGroup } from "../backend";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { coOption, organisation, TERMS } from "../test/groups";
import { GroupTerms } from "./GroupTerms";
import { SteeringGroup } from "./SteeringGroup";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

beforeEach(() => {
  vi.mocked(affiliationTerms).mockResolvedValue(TERMS);
  vi.mocked(steeringGroup).mockResolvedValue([coOption()]);
  vi.mocked(getOrganisation).mockResolvedValue(organisation());
});

async function renderTerms(role: "admin" | "officer" | "volunteer" = "officer") {
  const onBack = vi.fn();
  renderScreen(<GroupTerms session={session({ role })} onBack={onBack} />);
  await screen.findByTestId("current-terms");
  return onBack;
}

describe("Affiliation terms", () => {
  it("shows the current version and keeps earlier ones collapsed", async () => {
    await renderTerms();
    const current = screen.getByTestId("current-terms");
    expect(current).toHaveTextContent("Version 2, published 1 June 2026");
    expect(current).toHaveTextContent("Groups share a yearly estimate");
    const earlier = screen.getByTestId("earlier-terms");
    const details = earlier.querySelector("details");
    expect(details).not.toBeNull();
    expect(details?.open).toBe(false);
    expect(within(earlier).getByText(/Version 1, published 1 January 2025/)).toBeInTheDocument();
  });

  it("offers officers a new version but not volunteers", async () => {
    await renderTerms("volunteer");
    expect(screen.queryByTestId("publish-terms")).not.toBeInTheDocument();
    expect(screen.getByTestId("current-terms")).toBeInTheDocument();
  });

  it("publishes after a confirmation that says affiliated groups keep their version", async () => {
    vi.mocked(addAffiliationTerms).mockResolvedValue({
      version: 3,
      text: "Version three.",
      createdAt: "2026-11-22T10:00:00Z",
    });
    await renderTerms();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("publish-terms"));
    const text = screen.getByLabelText("The terms groups agree to when they affiliate");
    expect(text).toHaveValue(TERMS[0]?.text);
    await user.clear(text);
    await user.type(text, "Version three.");
    await user.click(screen.getByTestId("submit"));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Check before publishing");
    expect(screen.getByTestId("terms-warning")).toHaveTextContent(
      "Groups already affiliated keep the version they accepted",
    );
    expect(addAffiliationTerms).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("confirm"));
    expect(addAffiliationTerms).toHaveBeenCalledWith("Version three.");
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Version 3 of the affiliation terms has been published.",
    );
    expect(screen.getByTestId("current-terms")).toHaveTextContent("Version three.");
    expect(screen.getByTestId("earlier-terms").querySelectorAll("details")).toHaveLength(2);
  });

  it("brings the core's field error back to the form in a summary", async () => {
    vi.mocked(addAffiliationTerms).mockRejectedValue(
      appError("validation", "Check the terms", {
        text: "Enter the terms groups agree to when they affiliate",
      }),
    );
    await renderTerms();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("publish-terms"));
    await user.clear(screen.getByLabelText("The terms groups agree to when they affiliate"));
    await user.click(screen.getByTestId("submit"));
    await user.click(screen.getByTestId("confirm"));
    const summary = await screen.findByTestId("error-summary");
    expect(
      within(summary).getByRole("link", {
        name: "Enter the terms groups agree to when they affiliate",
      }),
    ).toHaveAttribute("href", "#text");
    expect(summary).toHaveFocus();
    expect(screen.getByLabelText(/The terms groups agree to/)).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });

  it("shows hostile terms as text", async () => {
    vi.mocked(affiliationTerms).mockResolvedValue([
      { version: 2, text: SCRIPT, createdAt: "2026-06-01T09:30:00Z" },
      { version: 1, text: HOSTILE, createdAt: "2025-01-01T10:00:00Z" },
    ]);
    await renderTerms();
    expect(screen.getByTestId("current-terms")).toHaveTextContent(SCRIPT);
    expect(screen.getByTestId("earlier-terms")).toHaveTextContent(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("script")).toBeNull();
  });
});

describe("Co-opted onto the steering group", () => {
  it("lists who serves, from which group, from and until when", async () => {
    vi.mocked(steeringGroup).mockResolvedValue([
      coOption(),
      coOption({
        id: "c-2",
        organisationId: "o-4",
        organisationName: "Leyland Links",
        firstName: "Bea",
        lastName: "Khan",
        fromOn: "2026-01-05",
        untilOn: "2027-01-04",
      }),
    ]);
    const onOpenGroup = vi.fn();
    renderScreen(<SteeringGroup onBack={vi.fn()} onOpenGroup={onOpenGroup} />);
    const table = await screen.findByTestId("steering-table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      "Ada LovelaceSunflowers Parent Group12 March 2026No end date",
      "Bea KhanLeyland Links5 January 20264 January 2027",
    ]);
    await userEvent.setup().click(within(table).getByRole("button", { name: "Leyland Links" }));
    expect(onOpenGroup).toHaveBeenCalledWith("o-4");
  });

  it("says so when no one is co-opted", async () => {
    vi.mocked(steeringGroup).mockResolvedValue([]);
    renderScreen(<SteeringGroup onBack={vi.fn()} onOpenGroup={vi.fn()} />);
    expect(await screen.findByTestId("no-co-options")).toHaveTextContent(
      "No group leaders are co-opted onto the steering group today.",
    );
  });

  it("shows hostile names as text", async () => {
    vi.mocked(steeringGroup).mockResolvedValue([
      coOption({ firstName: SCRIPT, lastName: HOSTILE, organisationName: HOSTILE }),
    ]);
    renderScreen(<SteeringGroup onBack={vi.fn()} onOpenGroup={vi.fn()} />);
    const table = await screen.findByTestId("steering-table");
    expect(table).toHaveTextContent(`${SCRIPT} ${HOSTILE}`);
    expect(within(table).getByRole("button", { name: HOSTILE })).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("script")).toBeNull();
  });

  it("shows a failure to load", async () => {
    vi.mocked(steeringGroup).mockRejectedValue(appError("internal", "The database is busy"));
    renderScreen(<SteeringGroup onBack={vi.fn()} onOpenGroup={vi.fn()} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("The database is busy");
  });
});
