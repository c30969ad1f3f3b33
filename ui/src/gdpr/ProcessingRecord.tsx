import { type ReactNode, useContext, useEffect, useState } from "react";
import { chooseSavePath, processingDocuments, saveProcessingDocument } from "../backend";
import type { ProcessingDocuments } from "../bindings/ProcessingDocuments";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { type Tab, Tabs } from "../components/Tabs";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { useForm } from "../useForm";

type Which = "record" | "notice";
const TABS: readonly Tab<Which>[] = [
  { id: "record", label: "Record of processing" },
  { id: "notice", label: "Privacy notice" },
];

/** Undoes the Markdown escaping the core applies (React escapes again when rendering). */
function plain(text: string): string {
  return text
    .replace(/\\(.)/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Table cells: split on unescaped bars. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => plain(c.trim()));
}

/**
 * Shows the Markdown the core wrote (headings, paragraphs, lists, tables) as page
 * elements. The core escapes every value, so only this small, known shape is read.
 */
export function MarkdownView({
  markdown,
  headingOffset = 1,
}: {
  markdown: string;
  headingOffset?: number;
}) {
  const blocks: ReactNode[] = [];
  const lines = markdown.split("\n");
  let i = 0;
  const tagFor = (level: number) => `h${Math.min(6, level + headingOffset)}` as "h2" | "h3" | "h4";
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.startsWith("## ")) {
      const Tag = tagFor(2);
      blocks.push(
        <Tag key={i} className="heading-m">
          {plain(line.slice(3))}
        </Tag>,
      );
      i++;
    } else if (line.startsWith("# ")) {
      const Tag = tagFor(1);
      blocks.push(
        <Tag key={i} className="heading-l">
          {plain(line.slice(2))}
        </Tag>,
      );
      i++;
    } else if (line.startsWith("- ")) {
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? "").startsWith("- ")) {
        items.push(plain((lines[i] ?? "").slice(2)));
        i++;
      }
      blocks.push(
        <ul key={i} className="list list--bullet">
          {items.map((item, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a static list, never reordered
            <li key={n}>{item}</li>
          ))}
        </ul>,
      );
    } else if (line.startsWith("| ")) {
      const head = cells(line);
      i += 2; // the header and the --- row
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? "").startsWith("| ")) {
        rows.push(cells(lines[i] ?? ""));
        i++;
      }
      blocks.push(
        <div key={i} className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a static table, never reordered
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
    } else if (line.trim() === "") {
      i++;
    } else {
      blocks.push(
        <p key={i} className="body">
          {plain(line)}
        </p>,
      );
      i++;
    }
  }
  return <>{blocks}</>;
}

/**
 * The Article 30 record of processing and the draft privacy notice, both made from the
 * forum's own settings, each saved as printable HTML or as Markdown.
 */
export function ProcessingRecord({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const onLocked = useContext(LockContext);
  const form = useForm();
  const [docs, setDocs] = useState<ProcessingDocuments | null>(null);
  const [which, setWhich] = useState<Which>("record");
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (!allowed) return;
    Promise.resolve(processingDocuments()).then(
      (found) => {
        if (found) setDocs(found);
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        else setStatus(error.message);
      },
    );
  }, [allowed, onLocked]);

  if (!allowed) {
    return <p className="body">Only officers and admins can see the record of processing.</p>;
  }

  async function saveAs(format: "html" | "markdown") {
    if (!docs) return;
    const stem = which === "record" ? docs.recordFileStem : docs.noticeFileStem;
    const extension = format === "html" ? "html" : "md";
    const done = await form.run(async () => {
      const path = await chooseSavePath(
        which === "record" ? "Save the record of processing" : "Save the privacy notice",
        `${stem}.${extension}`,
        format === "html"
          ? { name: "Web page", extensions: ["html"] }
          : { name: "Markdown", extensions: ["md"] },
      );
      if (!path) return null;
      await saveProcessingDocument(which, format, path);
      return path;
    });
    if (done.ok && done.value) setStatus(`Saved to ${done.value}.`);
  }

  return (
    <section aria-labelledby="ropa-heading">
      <h2 className="heading-m" id="ropa-heading">
        Record of processing and privacy notice
      </h2>
      <div role="status" className={status ? "notification" : "notification--empty"}>
        {status}
      </div>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => saveAs("html")}
          disabled={!docs || form.busy}
        >
          Save as HTML
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => saveAs("markdown")}
          disabled={!docs || form.busy}
        >
          Save as Markdown
        </button>
      </div>
      <Tabs label="Documents" tabs={TABS} selected={which} onSelect={setWhich}>
        {docs && (
          <div data-testid="processing-document">
            <MarkdownView
              markdown={which === "record" ? docs.recordMarkdown : docs.noticeMarkdown}
              headingOffset={2}
            />
          </div>
        )}
      </Tabs>
    </section>
  );
}
