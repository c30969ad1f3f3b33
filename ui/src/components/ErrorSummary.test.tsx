import { render, screen } from "@testing-library/react";
import { createRef } from "react";
import { describe, expect, it } from "vitest";
import { ErrorSummary } from "./ErrorSummary";

describe("ErrorSummary", () => {
  it("renders nothing without an error", () => {
    const { container } = render(
      <ErrorSummary error={null} fieldOrder={[]} summaryRef={createRef()} />,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it("lists known fields as links in form order and other fields as text", () => {
    render(
      <ErrorSummary
        error={{
          kind: "validation",
          message: "Check the form",
          fields: { b: "B is wrong", other: "Something else", a: "A is wrong", role: "Pick one" },
        }}
        fieldOrder={["a", "b", "role"]}
        anchors={{ role: "role-admin" }}
        summaryRef={createRef()}
      />,
    );
    const items = screen.getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "A is wrong",
      "B is wrong",
      "Pick one",
      "Something else",
    ]);
    expect(screen.getByRole("link", { name: "Pick one" })).toHaveAttribute("href", "#role-admin");
    expect(screen.queryByRole("link", { name: "Something else" })).not.toBeInTheDocument();
    expect(screen.queryByText("Check the form")).not.toBeInTheDocument();
  });

  it("shows the message when there are no field errors", () => {
    render(
      <ErrorSummary
        error={{ kind: "internal", message: "Something went wrong", fields: {} }}
        fieldOrder={["a"]}
        summaryRef={createRef()}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("There is a problemSomething went wrong");
  });
});
