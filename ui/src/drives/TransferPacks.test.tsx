import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chooseSavePath, exportTransferPack, importTransferPack, listDrives } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { FORMULA, LONG, packDrive, packImportReport, SCRIPT } from "../test/reach";
import { packFileName, TransferPacks } from "./TransferPacks";

vi.mock("../backend");

const PASSPHRASE = "pencil otter harbour gravy";

beforeEach(() => {
  vi.mocked(listDrives).mockResolvedValue([
    packDrive(),
    packDrive({ id: "d-2", name: "Coffee morning", startsOn: "2026-10-02", signups: 4 }),
  ]);
});

async function renderPacks(role: "admin" | "officer" = "officer") {
  renderScreen(<TransferPacks session={session({ role })} />);
  await screen.findByRole("option", { name: /Local offer event/ });
  return userEvent.setup();
}

describe("Transfer packs: export", () => {
  it("refuses passphrases that do not match, before any dialog", async () => {
    const user = await renderPacks();
    await user.selectOptions(screen.getByLabelText("Drive"), "d-1");
    await user.type(screen.getByLabelText("Passphrase"), PASSPHRASE);
    await user.type(screen.getByLabelText("Passphrase again"), `${PASSPHRASE}s`);
    await user.click(screen.getByTestId("export-pack"));
    const summary = await screen.findByTestId("error-summary");
    expect(
      within(summary).getByRole("link", { name: "The passphrases do not match" }),
    ).toHaveAttribute("href", "#passphraseConfirm");
    expect(screen.getByLabelText("Passphrase again")).toHaveAttribute("aria-invalid", "true");
    expect(chooseSavePath).not.toHaveBeenCalled();
    expect(exportTransferPack).not.toHaveBeenCalled();
  });

  it("asks for the drive and the passphrase", async () => {
    const user = await renderPacks();
    await user.click(screen.getByTestId("export-pack"));
    const links = within(await screen.findByTestId("error-summary")).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual(["#driveId", "#passphrase"]);
  });

  it("hints at a strong passphrase", async () => {
    await renderPacks();
    expect(screen.getByLabelText("Passphrase")).toHaveAccessibleDescription(
      expect.stringContaining("at least 12 characters"),
    );
  });

  it("saves the pack where the user chooses and says what is in it", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue("/media/usb/pack.fdpack");
    vi.mocked(exportTransferPack).mockResolvedValue({
      fileName: "Local offer event 2026-11-20.fdpack",
      signups: 11,
      leftOut: 1,
    });
    const user = await renderPacks();
    await user.selectOptions(screen.getByLabelText("Drive"), "d-1");
    await user.type(screen.getByLabelText("Passphrase"), PASSPHRASE);
    await user.type(screen.getByLabelText("Passphrase again"), PASSPHRASE);
    await user.click(screen.getByTestId("export-pack"));
    const done = await screen.findByTestId("pack-exported");
    expect(done).toHaveTextContent("The pack for Local offer event is saved with 11 sign-ups.");
    expect(done).toHaveTextContent("1 sign-up was left out");
    expect(chooseSavePath).toHaveBeenCalledWith(
      "Save the transfer pack",
      "Local offer event 2026-11-20.fdpack",
      { name: "ForumDesk transfer pack", extensions: ["fdpack"] },
    );
    expect(exportTransferPack).toHaveBeenCalledWith(
      "d-1",
      { passphrase: PASSPHRASE, passphraseConfirm: PASSPHRASE },
      "/media/usb/pack.fdpack",
    );
    // The passphrase does not stay on the screen.
    expect(screen.getByLabelText("Passphrase")).toHaveValue("");
    expect(screen.getByLabelText("Passphrase again")).toHaveValue("");
  });

  it("does nothing when the save dialog is cancelled", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue(null);
    const user = await renderPacks();
    await user.selectOptions(screen.getByLabelText("Drive"), "d-2");
    await user.type(screen.getByLabelText("Passphrase"), PASSPHRASE);
    await user.type(screen.getByLabelText("Passphrase again"), PASSPHRASE);
    await user.click(screen.getByTestId("export-pack"));
    await waitFor(() => expect(chooseSavePath).toHaveBeenCalled());
    expect(exportTransferPack).not.toHaveBeenCalled();
    expect(screen.queryByTestId("pack-exported")).not.toBeInTheDocument();
  });

  it("shows the core's passphrase rules on the field", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue("/tmp/p.fdpack");
    vi.mocked(exportTransferPack).mockRejectedValue(
      appError("validation", "Check the passphrase", {
        passphrase: "The passphrase must be at least 12 characters",
      }),
    );
    const user = await renderPacks();
    await user.selectOptions(screen.getByLabelText("Drive"), "d-1");
    await user.type(screen.getByLabelText("Passphrase"), "short");
    await user.type(screen.getByLabelText("Passphrase again"), "short");
    await user.click(screen.getByTestId("export-pack"));
    await screen.findByTestId("error-summary");
    expect(screen.getByLabelText("Passphrase")).toHaveAccessibleDescription(
      expect.stringContaining("Error: The passphrase must be at least 12 characters"),
    );
  });

  it("names the file as the core does, without characters file systems refuse", () => {
    expect(packFileName({ name: 'Stall: "Leyland"/Chorley', startsOn: "2026-11-21" })).toBe(
      "Stall- -Leyland--Chorley 2026-11-21.fdpack",
    );
  });

  it("renders hostile drive names as text", async () => {
    vi.mocked(listDrives).mockResolvedValue([
      packDrive({ name: SCRIPT }),
      packDrive({ id: "d-2", name: FORMULA }),
      packDrive({ id: "d-3", name: LONG }),
    ]);
    renderScreen(<TransferPacks session={session()} />);
    expect(
      await screen.findByRole("option", { name: new RegExp(`^${escapeRegExp(SCRIPT)}`) }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("option", { name: new RegExp(`^${escapeRegExp(FORMULA)}`) }),
    ).toBeInTheDocument();
    expect(screen.getByRole("option", { name: new RegExp(`^${LONG}`) })).toBeInTheDocument();
    expect(document.querySelector("script")).toBeNull();
  });

  it("is for officers and admins only", () => {
    renderScreen(<TransferPacks session={session({ role: "volunteer" })} />);
    expect(screen.getByTestId("packs-not-allowed")).toBeInTheDocument();
    expect(listDrives).not.toHaveBeenCalled();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("Transfer packs: import", () => {
  const pack = () => new File([new Uint8Array([1, 2, 3])], "Local offer event 2026-11-20.fdpack");

  async function fillImport(user: ReturnType<typeof userEvent.setup>, passphrase = PASSPHRASE) {
    await user.upload(screen.getByLabelText("Transfer pack"), pack());
    await user.type(screen.getByLabelText("The pack's passphrase"), passphrase);
    await user.click(screen.getByTestId("import-pack"));
  }

  it("shows the report: sign-ups, created, already imported, duplicates", async () => {
    vi.mocked(importTransferPack).mockResolvedValue(packImportReport());
    const user = await renderPacks();
    await fillImport(user);
    const report = await screen.findByTestId("pack-import-report");
    expect(report).toHaveTextContent("6 sign-ups added to the review queue");
    const rows = within(report)
      .getAllByRole("term")
      .map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`);
    expect(rows).toEqual([
      "Drive: Local offer event (added to this forum)",
      "Sign-ups in the pack: 7",
      "Added now: 6",
      "Already imported, skipped: 1",
      "May already be members (duplicates): 2",
    ]);
    expect(importTransferPack).toHaveBeenCalledWith(expect.any(File), PASSPHRASE);
    expect(screen.getByLabelText("The pack's passphrase")).toHaveValue("");
  });

  it("says so when a pack was already imported", async () => {
    vi.mocked(importTransferPack).mockResolvedValue(
      packImportReport({
        driveCreated: false,
        created: 0,
        alreadyImported: 7,
        duplicates: 0,
        duplicateSignups: [],
        driveName: SCRIPT,
      }),
    );
    const user = await renderPacks();
    await fillImport(user);
    const report = await screen.findByTestId("pack-import-report");
    expect(report).toHaveTextContent("Nothing new: every sign-up in this pack was already here.");
    expect(within(report).getByText(SCRIPT)).toBeInTheDocument();
  });

  it("puts a wrong passphrase on the passphrase field", async () => {
    const message =
      "pack.fdpack could not be opened: the passphrase is wrong, or the file was changed or damaged after it was made.";
    vi.mocked(importTransferPack).mockRejectedValue(
      appError("validation", message, { passphrase: message }),
    );
    const user = await renderPacks();
    await fillImport(user, "wrong passphrase");
    const summary = await screen.findByTestId("error-summary");
    expect(within(summary).getByRole("link")).toHaveAttribute("href", "#packPassphrase");
    expect(screen.getByLabelText("The pack's passphrase")).toHaveAttribute("aria-invalid", "true");
    // Not on the export's passphrase field.
    expect(screen.getByLabelText("Passphrase")).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByTestId("pack-import-report")).not.toBeInTheDocument();
  });

  it("puts a damaged pack on the file field", async () => {
    const message =
      "pack.fdpack is damaged (it is cut short or has been changed), so nothing was imported.";
    vi.mocked(importTransferPack).mockRejectedValue(appError("validation", message));
    const user = await renderPacks();
    await fillImport(user);
    const summary = await screen.findByTestId("error-summary");
    expect(within(summary).getByRole("link", { name: message })).toHaveAttribute(
      "href",
      "#packFile",
    );
    expect(screen.getByLabelText("Transfer pack")).toHaveAccessibleDescription(
      expect.stringContaining(message),
    );
  });

  it("asks for the file and the passphrase", async () => {
    const user = await renderPacks();
    await user.click(screen.getByTestId("import-pack"));
    const links = within(await screen.findByTestId("error-summary")).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual([
      "#packFile",
      "#packPassphrase",
    ]);
    expect(importTransferPack).not.toHaveBeenCalled();
  });
});
