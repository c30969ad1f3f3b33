import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { HOSTILE, renderScreen, session } from "../test/fixtures";
import { Home } from "./Home";

describe("Home", () => {
  it("shows the forum name, who is signed in and their role", () => {
    renderScreen(<Home session={session()} onNavigate={vi.fn()} />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Lancashire Parent Carer Forum",
    );
    expect(screen.getByTestId("signed-in-as")).toHaveTextContent(
      "Signed in as Sam Admin (sam.admin)",
    );
    expect(screen.getByText("Admin")).toBeInTheDocument();
    expect(document.title).toBe("Home – ForumDesk");
  });

  it("offers admin pages to admins", async () => {
    const onNavigate = vi.fn();
    renderScreen(<Home session={session()} onNavigate={onNavigate} />);
    await userEvent.setup().click(screen.getByRole("button", { name: "Manage users" }));
    expect(onNavigate).toHaveBeenCalledWith("users");
    expect(screen.getByRole("button", { name: "Settings" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Members" })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Areas" }));
    expect(onNavigate).toHaveBeenCalledWith("areas");
  });

  it("hides admin pages from other roles", () => {
    renderScreen(<Home session={session({ role: "volunteer" })} onNavigate={vi.fn()} />);
    expect(screen.getByText("Volunteer")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Change your password" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Manage users" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Settings" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Areas" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Members" })).toBeInTheDocument();
  });

  it("shows hostile names as text, not HTML", () => {
    const { container } = renderScreen(
      <Home
        session={session({ forumName: HOSTILE, displayName: HOSTILE, username: "x" })}
        onNavigate={vi.fn()}
      />,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(HOSTILE);
    expect(screen.getByTestId("signed-in-as")).toHaveTextContent(`Signed in as ${HOSTILE} (x)`);
    expect(container.querySelector("img")).toBeNull();
  });

  it("copes with a 10,000 character forum name", () => {
    const long = "L".repeat(10_000);
    renderScreen(<Home session={session({ forumName: long })} onNavigate={vi.fn()} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(long);
  });
});
