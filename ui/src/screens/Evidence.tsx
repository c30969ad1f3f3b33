import { useState } from "react";
import type { SessionInfo } from "../bindings/SessionInfo";
import { PageHeading } from "../components/PageHeading";
import { Tabs } from "../components/Tabs";
import { usePageTitle } from "../pageTitle";
import { canManageEvidence } from "../roles";
import { EvidenceReport } from "./EvidenceReport";
import { GrantPeriods } from "./GrantPeriods";
import { IndicatorReviews } from "./IndicatorReviews";

type Section = "indicators" | "grants" | "report";

/**
 * Grant evidence: the quarterly indicator review, grant years and the evidence pack.
 * Volunteers see the indicators read-only and can build and print the evidence pack (counts
 * and the forum's own stories only); grant years are the officers' business, and the core
 * refuses them to volunteers anyway.
 */
export function Evidence({ session }: { session: SessionInfo }) {
  usePageTitle("Grant evidence");
  const manager = canManageEvidence(session.role);
  const [section, setSection] = useState<Section>("indicators");
  const tabs = manager
    ? ([
        { id: "indicators", label: "Indicators" },
        { id: "grants", label: "Grant years" },
        { id: "report", label: "Evidence report" },
      ] as const)
    : ([
        { id: "indicators", label: "Indicators" },
        { id: "report", label: "Evidence report" },
      ] as const);
  return (
    <>
      <PageHeading>Grant evidence</PageHeading>
      <Tabs label="Grant evidence" tabs={tabs} selected={section} onSelect={setSection}>
        {section === "indicators" && <IndicatorReviews canReview={manager} />}
        {section === "grants" && manager && <GrantPeriods />}
        {section === "report" && <EvidenceReport />}
      </Tabs>
    </>
  );
}
