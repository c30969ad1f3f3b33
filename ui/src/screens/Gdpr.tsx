import { useState } from "react";
import type { SessionInfo } from "../bindings/SessionInfo";
import { PageHeading } from "../components/PageHeading";
import { Tabs } from "../components/Tabs";
import { AuditLog } from "../gdpr/AuditLog";
import { Breaches } from "../gdpr/Breaches";
import { ProcessingRecord } from "../gdpr/ProcessingRecord";
import { Requests } from "../gdpr/Requests";
import { Retention } from "../gdpr/Retention";
import { RetentionSchedule } from "../gdpr/RetentionSchedule";
import { usePageTitle } from "../pageTitle";
import { canHandleDataRequests } from "../roles";

type Section = "requests" | "retention" | "audit" | "breaches" | "ropa";

const OFFICER_TABS = [
  { id: "retention", label: "Retention" },
  { id: "audit", label: "Audit log" },
  { id: "breaches", label: "Breaches" },
  { id: "ropa", label: "Record of processing" },
] as const;

const ADMIN_TABS = [{ id: "requests", label: "Requests" }, ...OFFICER_TABS] as const;

/**
 * Data protection: the forum's duties as a data controller. Subject access and erasure
 * requests are for admins only; officers work the retention queue, read the audit log and
 * keep the breach register. The core refuses anything a role may not do, whatever shows.
 */
export function Gdpr({ session }: { session: SessionInfo }) {
  usePageTitle("Data protection");
  const admin = canHandleDataRequests(session.role);
  const tabs = admin ? ADMIN_TABS : OFFICER_TABS;
  const [section, setSection] = useState<Section>(tabs[0].id);
  return (
    <>
      <PageHeading>Data protection</PageHeading>
      <Tabs label="Data protection" tabs={tabs} selected={section} onSelect={setSection}>
        {section === "requests" && admin && <Requests session={session} />}
        {section === "retention" && (
          <>
            <Retention session={session} />
            <RetentionSchedule session={session} />
          </>
        )}
        {section === "audit" && <AuditLog session={session} />}
        {section === "breaches" && <Breaches session={session} />}
        {section === "ropa" && <ProcessingRecord session={session} />}
      </Tabs>
    </>
  );
}
