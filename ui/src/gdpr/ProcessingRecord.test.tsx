import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chooseSavePath, processingDocuments, saveProcessingDocument } from "../backend";
import { renderScreen, session } from "../test/fixtures";
import { ProcessingRecord } from "./ProcessingRecord";

vi.mock("../backend");

const RECORD = `# Record of processing activities — Riverside PCF

## Purposes and lawful bases

Each purpose as configured:

| Purpose | Lawful basis (Article 6) |
| --- | --- |
| Peer support &lt;img src=x onerror=alert(1)&gt; | Legitimate interests — UK GDPR Article 6(1)(f) |
| A \\| bar | Consent |

## Security measures (Article 32)

- The app locks itself after 7 minutes without use.
`;

const NOTICE = `# How Riverside PCF uses your information

## Your rights

- Complain to the ICO: ico.org.uk/make-a-complaint
`;

beforeEach(() => {
  vi.mocked(processingDocuments).mockResolvedValue({
    recordMarkdown: RECORD,
    recordHtml: "<!DOCTYPE html>",
    noticeMarkdown: NOTICE,
    noticeHtml: "<!DOCTYPE html>",
    recordFileStem: "record-of-processing-2026-11-22",
    noticeFileStem: "privacy-notice-2026-11-22",
  });
});

describe("ProcessingRecord", () => {
  it("shows the record as headings, a table and a list, with values as text", async () => {
    renderScreen(<ProcessingRecord session={session({ role: "officer" })} />);
    expect(
      await screen.findByRole("heading", {
        name: "Record of processing activities — Riverside PCF",
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("rowheader", { name: "Peer support <img src=x onerror=alert(1)>" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "A | bar" })).toBeInTheDocument();
    expect(screen.getByText("Legitimate interests — UK GDPR Article 6(1)(f)")).toBeInTheDocument();
    expect(
      screen.getByText("The app locks itself after 7 minutes without use."),
    ).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
  });

  it("switches to the privacy notice and saves it as Markdown", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue("/tmp/notice.md");
    vi.mocked(saveProcessingDocument).mockResolvedValue(undefined);
    renderScreen(<ProcessingRecord session={session()} />);
    await screen.findByTestId("processing-document");
    await userEvent.click(screen.getByRole("tab", { name: "Privacy notice" }));
    expect(
      screen.getByRole("heading", { name: "How Riverside PCF uses your information" }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Save as Markdown" }));
    expect(await screen.findByText("Saved to /tmp/notice.md.")).toBeInTheDocument();
    expect(chooseSavePath).toHaveBeenCalledWith(
      "Save the privacy notice",
      "privacy-notice-2026-11-22.md",
      { name: "Markdown", extensions: ["md"] },
    );
    expect(saveProcessingDocument).toHaveBeenCalledWith("notice", "markdown", "/tmp/notice.md");
  });

  it("saves nothing when the dialog is cancelled, and shows nothing to volunteers", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue(null);
    const { unmount } = renderScreen(<ProcessingRecord session={session()} />);
    await screen.findByTestId("processing-document");
    await userEvent.click(screen.getByRole("button", { name: "Save as HTML" }));
    expect(saveProcessingDocument).not.toHaveBeenCalled();
    unmount();
    vi.mocked(processingDocuments).mockClear();
    renderScreen(<ProcessingRecord session={session({ role: "volunteer" })} />);
    expect(processingDocuments).not.toHaveBeenCalled();
  });
});
