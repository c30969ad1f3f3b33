import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import {
  appStatus,
  kioskForm,
  leaveKiosk,
  listDrives,
  onLocked,
  reportActivity,
  submitKioskSignUp,
} from "../backend";
import { KIOSK_FORM, kioskSession } from "../test/drives";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { FORMULA } from "../test/members";
import { Kiosk } from "./Kiosk";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

beforeEach(() => {
  vi.mocked(kioskForm).mockResolvedValue(KIOSK_FORM);
  vi.mocked(submitKioskSignUp).mockResolvedValue(undefined);
});

afterEach(() => {
  vi.useRealTimers();
});

async function renderKiosk(props: { onLeft?: () => void; idleMs?: number } = {}) {
  const onLeft = props.onLeft ?? vi.fn();
  renderScreen(<Kiosk session={kioskSession()} onLeft={onLeft} idleMs={props.idleMs} />);
  await screen.findByTestId("kiosk-form");
  return onLeft;
}

function boxes(): HTMLInputElement[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>("input[type=checkbox]"));
}

async function fillPerson(user: ReturnType<typeof userEvent.setup>, first = "Alex") {
  await user.type(screen.getByLabelText("First name"), first);
  await user.type(screen.getByLabelText("Last name"), "Rivers");
  await user.type(screen.getByLabelText("E-mail address"), "alex@example.org");
  await user.type(screen.getByLabelText("Postcode"), "PR2 8RT");
}

describe("The kiosk form", () => {
  it("ticks nothing: every consent box starts empty, with its statement", async () => {
    await renderKiosk();
    expect(boxes().length).toBe(4);
    for (const box of boxes()) expect(box).not.toBeChecked();
    const news = screen.getByLabelText("News and invitations by e-mail");
    expect(news).toHaveAccessibleDescription("I would like to receive the forum's news by e-mail.");
    expect(screen.getByText(KIOSK_FORM.specialPurpose?.statement ?? "")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Join Lancashire Parent Carer Forum",
    );
    expect(screen.getByTestId("kiosk-drive")).toHaveTextContent("Local offer event");
  });

  it("shows children's needs only once the special-category consent is ticked", async () => {
    await renderKiosk();
    const user = userEvent.setup();
    expect(screen.queryByTestId("children")).not.toBeInTheDocument();
    expect(screen.queryByText("How old is child 1?")).not.toBeInTheDocument();
    await user.click(screen.getByLabelText("Children's needs"));
    const children = screen.getByTestId("children");
    expect(within(children).getByRole("group", { name: "How old is child 1?" })).toBeVisible();
    await user.click(within(children).getByLabelText("5 to 10 years"));
    // Unticking drops what was said about the children, and hides the section again.
    await user.click(screen.getByLabelText("Children's needs"));
    expect(screen.queryByTestId("children")).not.toBeInTheDocument();
    await user.click(screen.getByLabelText("Children's needs"));
    expect(screen.getByLabelText("5 to 10 years")).not.toBeChecked();
  });

  it("sends every answer with the statement version shown, and children only with consent", async () => {
    await renderKiosk();
    const user = userEvent.setup();
    await fillPerson(user);
    await user.click(screen.getByLabelText("Surveys"));
    await user.click(screen.getByLabelText("Children's needs"));
    await user.click(screen.getByLabelText("0 to 4 years"));
    await user.selectOptions(screen.getByLabelText("Child 1's main need (optional)"), "ASD");
    await user.click(screen.getByLabelText("An education, health and care plan (EHCP)"));
    await user.click(screen.getByTestId("add-child"));
    await user.click(screen.getByTestId("submit"));
    expect(submitKioskSignUp).toHaveBeenCalledExactlyOnceWith({
      firstName: "Alex",
      lastName: "Rivers",
      email: "alex@example.org",
      phone: "",
      postcode: "PR2 8RT",
      heardAbout: "",
      associate: false,
      consents: [
        { purposeId: "email_news", statementVersion: 2, given: false },
        { purposeId: "surveys", statementVersion: 1, given: true },
        { purposeId: "special_category", statementVersion: 3, given: true },
      ],
      children: [
        { ageBand: "0-4", primaryNeed: "ASD", provision: "ehcp" },
        { ageBand: null, primaryNeed: null, provision: null },
      ],
    });
  });

  it("sends no children when the special-category box is not ticked", async () => {
    await renderKiosk();
    const user = userEvent.setup();
    await fillPerson(user);
    await user.click(screen.getByTestId("submit"));
    const input = vi.mocked(submitKioskSignUp).mock.calls[0]?.[0];
    expect(input?.children).toEqual([]);
    expect(input?.consents.every((c) => !c.given)).toBe(true);
  });

  it("passes hostile and very long values through as typed, and shows them only as text", async () => {
    vi.mocked(submitKioskSignUp).mockRejectedValue(
      appError("validation", "Check", { firstName: `${SCRIPT} is not a name` }),
    );
    await renderKiosk();
    const user = userEvent.setup();
    const long = "L".repeat(10_000);
    await user.type(screen.getByLabelText("First name"), SCRIPT);
    await user.type(screen.getByLabelText("Last name"), HOSTILE);
    await user.type(screen.getByLabelText("How did you hear about the forum? (optional)"), FORMULA);
    // Pasted: typing 10,000 keys one by one would only slow the test.
    await user.click(screen.getByLabelText("Postcode"));
    await user.paste(long);
    await user.click(screen.getByTestId("submit"));
    const input = vi.mocked(submitKioskSignUp).mock.calls[0]?.[0];
    expect(input?.firstName).toBe(SCRIPT);
    expect(input?.lastName).toBe(HOSTILE);
    expect(input?.heardAbout).toBe(FORMULA);
    expect(input?.postcode).toBe(long);
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveTextContent(`${SCRIPT} is not a name`);
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows the core's errors in a summary linking to each field, and on the fields", async () => {
    vi.mocked(submitKioskSignUp).mockRejectedValue(
      appError("validation", "Check", {
        firstName: "Enter your first name",
        email: "Enter an e-mail address or a phone number, so the forum can contact you",
        postcode: "Enter your postcode",
        consents: "The wording has changed",
        "children.0.ageBand": "Choose an age band for child 1",
      }),
    );
    await renderKiosk();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Children's needs"));
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual([
      "#firstName",
      "#email",
      "#postcode",
      "#consent-email_news",
      "#child-0-ageBand-0-4",
    ]);
    expect(screen.getByLabelText("First name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("First name")).toHaveAccessibleDescription(
      "Error: Enter your first name",
    );
    expect(screen.getByRole("group", { name: "How old is child 1?" })).toHaveAccessibleDescription(
      "Error: Choose an age band for child 1",
    );
    expect(screen.getByTestId("consents")).toHaveTextContent("The wording has changed");
  });
});

describe("Between one person and the next", () => {
  it("thanks them and shows an empty form, nothing ticked, after a sign-up", async () => {
    await renderKiosk();
    const user = userEvent.setup();
    await fillPerson(user);
    await user.click(screen.getByLabelText("Surveys"));
    await user.click(screen.getByLabelText("Children's needs"));
    await user.click(screen.getByLabelText("5 to 10 years"));
    await user.click(screen.getByTestId("submit"));
    const thanks = await screen.findByTestId("kiosk-thanks");
    expect(thanks).toHaveTextContent("Thank you for signing up");
    expect(thanks).toHaveFocus();
    expect(screen.getByLabelText("First name")).toHaveValue("");
    expect(screen.getByLabelText("E-mail address")).toHaveValue("");
    expect(screen.getByLabelText("Postcode")).toHaveValue("");
    for (const box of boxes()) expect(box).not.toBeChecked();
    expect(screen.queryByTestId("children")).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("Alex");
    expect(document.body).not.toHaveTextContent("alex@example.org");
    // The next person starts typing: the thank-you goes.
    await user.type(screen.getByLabelText("First name"), "B");
    expect(screen.queryByTestId("kiosk-thanks")).not.toBeInTheDocument();
  });

  it("clears what was typed, and any errors, after a minute without input", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.mocked(submitKioskSignUp).mockRejectedValue(
      appError("validation", "Check", { postcode: "Enter your postcode" }),
    );
    await renderKiosk();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(screen.getByLabelText("First name"), "Alex");
    await user.click(screen.getByLabelText("Children's needs"));
    await user.click(screen.getByLabelText("5 to 10 years"));
    await user.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    await act(async () => {
      vi.advanceTimersByTime(59_000);
    });
    expect(screen.getByLabelText("First name")).toHaveValue("Alex");
    // Any key starts the wait again.
    await user.type(screen.getByLabelText("Last name"), "R");
    await act(async () => {
      vi.advanceTimersByTime(59_000);
    });
    expect(screen.getByLabelText("First name")).toHaveValue("Alex");
    await act(async () => {
      vi.advanceTimersByTime(1_500);
    });
    expect(screen.getByLabelText("First name")).toHaveValue("");
    expect(screen.getByLabelText("Last name")).toHaveValue("");
    expect(screen.queryByTestId("error-summary")).not.toBeInTheDocument();
    expect(screen.queryByTestId("children")).not.toBeInTheDocument();
    for (const box of boxes()) expect(box).not.toBeChecked();
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
  });

  it("takes the thank-you away after the idle time too, with a shorter time when asked", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await renderKiosk({ idleMs: 5_000 });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await fillPerson(user);
    await user.click(screen.getByTestId("submit"));
    await screen.findByTestId("kiosk-thanks");
    await act(async () => {
      vi.advanceTimersByTime(5_100);
    });
    expect(screen.queryByTestId("kiosk-thanks")).not.toBeInTheDocument();
  });
});

describe("Leaving the kiosk", () => {
  it("asks for a volunteer's password, shows the core's message when it is wrong, and leaves with the right one", async () => {
    const volunteer = session({ userId: "u-1", username: "jo.bloggs", role: "volunteer" });
    vi.mocked(leaveKiosk)
      .mockRejectedValueOnce(
        appError("validation", "Check", {
          password: "That password is not right, or is not a volunteer's. Check it and try again.",
        }),
      )
      .mockResolvedValueOnce(volunteer);
    const onLeft = await renderKiosk();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("First name"), "Alex");
    await user.click(screen.getByTestId("leave-kiosk"));
    // What a member of the public was typing is gone before the volunteer's prompt shows.
    expect(screen.queryByTestId("kiosk-form")).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Leave the kiosk" })).toHaveFocus();
    expect(screen.getByLabelText("User name")).toHaveValue("jo.bloggs");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByTestId("leave-submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveTextContent("That password is not right");
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(onLeft).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText("Password"), "the right one");
    await user.click(screen.getByTestId("leave-submit"));
    await waitFor(() => expect(onLeft).toHaveBeenCalledExactlyOnceWith(volunteer));
    expect(leaveKiosk).toHaveBeenLastCalledWith({
      username: "jo.bloggs",
      password: "the right one",
    });
  });

  it("keeps a throttled attempt on the kiosk, as a message, not the unlock screen", async () => {
    vi.mocked(leaveKiosk).mockRejectedValue(
      appError("locked", "Too many unsuccessful attempts. Wait 5 seconds, then try again."),
    );
    const onLocked = vi.fn();
    renderScreen(<Kiosk session={kioskSession()} onLeft={vi.fn()} />, { onLocked });
    await screen.findByTestId("kiosk-form");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("leave-kiosk"));
    await user.type(screen.getByLabelText("Password"), "guess");
    await user.click(screen.getByTestId("leave-submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent("Wait 5 seconds");
    expect(onLocked).not.toHaveBeenCalled();
  });

  it("closes a half-typed prompt after the idle time, back to the empty form", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await renderKiosk({ idleMs: 10_000 });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByTestId("leave-kiosk"));
    await user.type(screen.getByLabelText("Password"), "half");
    await act(async () => {
      vi.advanceTimersByTime(10_500);
    });
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();
    expect(screen.getByTestId("kiosk-form")).toBeInTheDocument();
    expect(leaveKiosk).not.toHaveBeenCalled();
  });

  it("goes back to an empty form from the prompt", async () => {
    await renderKiosk();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("leave-kiosk"));
    await user.type(screen.getByLabelText("Password"), "half typed");
    await user.click(screen.getByTestId("leave-cancel"));
    expect(await screen.findByTestId("kiosk-form")).toBeInTheDocument();
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();
  });
});

describe("The app while the session is a kiosk", () => {
  it("draws only the kiosk: no header, no navigation, no other screen, also after a reload", async () => {
    vi.mocked(onLocked).mockReturnValue(() => {});
    vi.mocked(reportActivity).mockResolvedValue(undefined);
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: kioskSession() });
    const { unmount } = render(<App />);
    await screen.findByTestId("kiosk-form");
    expect(document.querySelector("header")).toBeNull();
    expect(document.querySelector("nav")).toBeNull();
    expect(screen.queryByTestId("nav-members")).not.toBeInTheDocument();
    window.location.hash = "#/members";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(screen.getByTestId("kiosk")).toBeInTheDocument();
    unmount();
    // A reload asks the core again, which still says "kiosk".
    render(<App />);
    await screen.findByTestId("kiosk-form");
    expect(document.querySelector("nav")).toBeNull();
    window.location.hash = "";
  });

  it("shows the volunteer's app again once the kiosk is left", async () => {
    vi.mocked(onLocked).mockReturnValue(() => {});
    vi.mocked(reportActivity).mockResolvedValue(undefined);
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: kioskSession() });
    vi.mocked(leaveKiosk).mockResolvedValue(
      session({ userId: "u-1", username: "jo.bloggs", role: "volunteer" }),
    );
    vi.mocked(listDrives).mockResolvedValue([]);
    render(<App />);
    await screen.findByTestId("kiosk-form");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("leave-kiosk"));
    await user.type(screen.getByLabelText("Password"), "pw");
    await user.click(screen.getByTestId("leave-submit"));
    expect(await screen.findByTestId("nav-drives")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Recruitment drives");
    expect(screen.getByText("You have left the kiosk.")).toBeInTheDocument();
    expect(document.documentElement).not.toHaveClass("kiosk-mode");
  });
});
