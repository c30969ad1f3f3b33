// The ONLY module that talks to the Tauri shell. Screens import these functions;
// component tests mock this module.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import type { Activity } from "./bindings/Activity";
import type { ActivityFilter } from "./bindings/ActivityFilter";
import type { ActivityInput } from "./bindings/ActivityInput";
import type { ActivitySummary } from "./bindings/ActivitySummary";
import type { AffiliationSettings } from "./bindings/AffiliationSettings";
import type { AffiliationStep } from "./bindings/AffiliationStep";
import type { AffiliationTerms } from "./bindings/AffiliationTerms";
import type { AgeBand } from "./bindings/AgeBand";
import type { AppStatus } from "./bindings/AppStatus";
import type { Area } from "./bindings/Area";
import type { AreaInput } from "./bindings/AreaInput";
import type { AuditAction } from "./bindings/AuditAction";
import type { AuditExport } from "./bindings/AuditExport";
import type { AuditFilter } from "./bindings/AuditFilter";
import type { AuditPage } from "./bindings/AuditPage";
import type { AuditReport } from "./bindings/AuditReport";
import type { AuditUser } from "./bindings/AuditUser";
import type { Body } from "./bindings/Body";
import type { BodyAttendance } from "./bindings/BodyAttendance";
import type { BodyInput } from "./bindings/BodyInput";
import type { BodyMeeting } from "./bindings/BodyMeeting";
import type { Breach } from "./bindings/Breach";
import type { BreachDeadline } from "./bindings/BreachDeadline";
import type { BreachInput } from "./bindings/BreachInput";
import type { BudgetLineInput } from "./bindings/BudgetLineInput";
import type { ChangePasswordInput } from "./bindings/ChangePasswordInput";
import type { ChildInput } from "./bindings/ChildInput";
import type { CloseRequestInput } from "./bindings/CloseRequestInput";
import type { ConsentEvent } from "./bindings/ConsentEvent";
import type { ConsentInput } from "./bindings/ConsentInput";
import type { ConsentPurpose } from "./bindings/ConsentPurpose";
import type { ContactInput } from "./bindings/ContactInput";
import type { CoOption } from "./bindings/CoOption";
import type { CoOptionInput } from "./bindings/CoOptionInput";
import type { DataRequest } from "./bindings/DataRequest";
import type { DataRequestFilter } from "./bindings/DataRequestFilter";
import type { DataRequestInput } from "./bindings/DataRequestInput";
import type { DocumentInfo } from "./bindings/DocumentInfo";
import type { Drive } from "./bindings/Drive";
import type { DriveInput } from "./bindings/DriveInput";
import type { DriveResults } from "./bindings/DriveResults";
import type { DriveSummary } from "./bindings/DriveSummary";
import type { DriveVolunteer } from "./bindings/DriveVolunteer";
import type { DuplicateMatch } from "./bindings/DuplicateMatch";
import type { DuplicatePair } from "./bindings/DuplicatePair";
import type { EqualityInput } from "./bindings/EqualityInput";
import type { ErasureReport } from "./bindings/ErasureReport";
import type { EvidencePack } from "./bindings/EvidencePack";
import type { ExportFile } from "./bindings/ExportFile";
import type { ExportInput } from "./bindings/ExportInput";
import type { ExtensionInput } from "./bindings/ExtensionInput";
import type { FiguresFile } from "./bindings/FiguresFile";
import type { FiguresFormat } from "./bindings/FiguresFormat";
import type { GrantInput } from "./bindings/GrantInput";
import type { GrantPeriod } from "./bindings/GrantPeriod";
import type { IdentityCheckInput } from "./bindings/IdentityCheckInput";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportReport } from "./bindings/ImportReport";
import type { IndicatorReview } from "./bindings/IndicatorReview";
import type { KioskForm } from "./bindings/KioskForm";
import type { KioskSubmission } from "./bindings/KioskSubmission";
import type { LeaveKioskInput } from "./bindings/LeaveKioskInput";
import type { LeavingInput } from "./bindings/LeavingInput";
import type { LockedEvent } from "./bindings/LockedEvent";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { MemberDetails } from "./bindings/MemberDetails";
import type { MemberPage } from "./bindings/MemberPage";
import type { MemberQuery } from "./bindings/MemberQuery";
import type { MemberRecord } from "./bindings/MemberRecord";
import type { MembershipDateInput } from "./bindings/MembershipDateInput";
import type { MembershipEvent } from "./bindings/MembershipEvent";
import type { MembershipSettings } from "./bindings/MembershipSettings";
import type { MembershipStart } from "./bindings/MembershipStart";
import type { MergeInput } from "./bindings/MergeInput";
import type { MergeOutcome } from "./bindings/MergeOutcome";
import type { Need } from "./bindings/Need";
import type { NewUserInput } from "./bindings/NewUserInput";
import type { Organisation } from "./bindings/Organisation";
import type { OrganisationFilter } from "./bindings/OrganisationFilter";
import type { OrganisationInput } from "./bindings/OrganisationInput";
import type { OrganisationSummary } from "./bindings/OrganisationSummary";
import type { PackExportInput } from "./bindings/PackExportInput";
import type { PackFile } from "./bindings/PackFile";
import type { PackImportReport } from "./bindings/PackImportReport";
import type { PauseInput } from "./bindings/PauseInput";
import type { PendingSignUp } from "./bindings/PendingSignUp";
import type { Population } from "./bindings/Population";
import type { PopulationCellInput } from "./bindings/PopulationCellInput";
import type { PopulationImportReport } from "./bindings/PopulationImportReport";
import type { PopulationSourceInput } from "./bindings/PopulationSourceInput";
import type { ProcessingDocuments } from "./bindings/ProcessingDocuments";
import type { QuickMeetingInput } from "./bindings/QuickMeetingInput";
import type { Reach } from "./bindings/Reach";
import type { ReachGap } from "./bindings/ReachGap";
import type { ReachGapFile } from "./bindings/ReachGapFile";
import type { ReachGapFormat } from "./bindings/ReachGapFormat";
import type { ReachGapOptions } from "./bindings/ReachGapOptions";
import type { RecoveryInput } from "./bindings/RecoveryInput";
import type { RemoveOutcome } from "./bindings/RemoveOutcome";
import type { Renewals } from "./bindings/Renewals";
import type { ResetPasswordInput } from "./bindings/ResetPasswordInput";
import type { RetentionChoice } from "./bindings/RetentionChoice";
import type { RetentionEntry } from "./bindings/RetentionEntry";
import type { RetentionOutcome } from "./bindings/RetentionOutcome";
import type { RetentionSettings } from "./bindings/RetentionSettings";
import type { ReviewInput } from "./bindings/ReviewInput";
import type { SarExport } from "./bindings/SarExport";
import type { Seat } from "./bindings/Seat";
import type { SeatInput } from "./bindings/SeatInput";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { SettingsInput } from "./bindings/SettingsInput";
import type { SetupInput } from "./bindings/SetupInput";
import type { SetupResult } from "./bindings/SetupResult";
import type { SignUpMergeInput } from "./bindings/SignUpMergeInput";
import type { SpendEntry } from "./bindings/SpendEntry";
import type { SpendInput } from "./bindings/SpendInput";
import type { StepInput } from "./bindings/StepInput";
import type { UnlockInput } from "./bindings/UnlockInput";
import type { UserSummary } from "./bindings/UserSummary";
import { toAppError } from "./errors";

/** Calls a command; any rejection is normalised to an AppError. */
async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  options?: { headers: Record<string, string> },
): Promise<T> {
  try {
    return await (options ? invoke<T>(command, args, options) : invoke<T>(command, args));
  } catch (error) {
    throw toAppError(error);
  }
}

export function appStatus(): Promise<AppStatus> {
  return call("app_status");
}

export function setupForum(input: SetupInput): Promise<SetupResult> {
  return call("setup_forum", { input });
}

export function unlock(input: UnlockInput): Promise<SessionInfo> {
  return call("unlock", { input });
}

export function unlockWithRecoveryKey(input: RecoveryInput): Promise<SessionInfo> {
  return call("unlock_with_recovery_key", { input });
}

export function lock(): Promise<void> {
  return call("lock");
}

export function reportActivity(): Promise<void> {
  return call("report_activity");
}

export function listUsers(): Promise<UserSummary[]> {
  return call("list_users");
}

export function addUser(input: NewUserInput): Promise<UserSummary> {
  return call("add_user", { input });
}

export function disableUser(userId: string): Promise<UserSummary> {
  return call("disable_user", { userId });
}

export function resetUserPassword(input: ResetPasswordInput): Promise<UserSummary> {
  return call("reset_user_password", { input });
}

export function changeOwnPassword(input: ChangePasswordInput): Promise<void> {
  return call("change_own_password", { input });
}

export function updateSettings(input: SettingsInput): Promise<SessionInfo> {
  return call("update_settings", { input });
}

export function searchMembers(query: MemberQuery): Promise<MemberPage> {
  return call("search_members", { query });
}

/** Reading a member's record is recorded in the audit trail. */
export function getMember(personId: string): Promise<MemberRecord> {
  return call("get_member", { personId });
}

export function createMember(
  details: MemberDetails,
  start: MembershipStart,
): Promise<MemberRecord> {
  return call("create_member", { details, start });
}

export function updateMember(personId: string, details: MemberDetails): Promise<MemberRecord> {
  return call("update_member", { personId, details });
}

export function consentPurposes(): Promise<ConsentPurpose[]> {
  return call("consent_purposes");
}

export function consentHistory(personId: string): Promise<ConsentEvent[]> {
  return call("consent_history", { personId });
}

export function recordConsent(personId: string, input: ConsentInput): Promise<MemberRecord> {
  return call("record_consent", { personId, input });
}

/** Adds a child (`childId` null) or changes one. */
export function saveChild(
  personId: string,
  childId: string | null,
  input: ChildInput,
): Promise<MemberRecord> {
  return call("save_child", { personId, childId, input });
}

export function removeChild(personId: string, childId: string): Promise<MemberRecord> {
  return call("remove_child", { personId, childId });
}

export function saveEquality(personId: string, input: EqualityInput): Promise<MemberRecord> {
  return call("save_equality", { personId, input });
}

/** The membership's history, newest first. */
export function membershipHistory(personId: string): Promise<MembershipEvent[]> {
  return call("membership_history", { personId });
}

/** An applicant becomes an active member; a blank date means today. */
export function approveMembership(
  personId: string,
  input: MembershipDateInput,
): Promise<MemberRecord> {
  return call("approve_membership", { personId, input });
}

export function renewMembership(
  personId: string,
  input: MembershipDateInput,
): Promise<MemberRecord> {
  return call("renew_membership", { personId, input });
}

export function lapseMembership(
  personId: string,
  input: MembershipDateInput,
): Promise<MemberRecord> {
  return call("lapse_membership", { personId, input });
}

export function recordLeaving(personId: string, input: LeavingInput): Promise<MemberRecord> {
  return call("record_leaving", { personId, input });
}

export function rejoinMembership(
  personId: string,
  input: MembershipDateInput,
): Promise<MemberRecord> {
  return call("rejoin_membership", { personId, input });
}

export function membershipSettings(): Promise<MembershipSettings> {
  return call("membership_settings");
}

export function updateMembershipSettings(input: MembershipSettings): Promise<MembershipSettings> {
  return call("update_membership_settings", { input });
}

export function listAreas(): Promise<Area[]> {
  return call("list_areas");
}

/** Adds an area (`areaId` null) or changes one. */
export function saveArea(areaId: string | null, input: AreaInput): Promise<Area> {
  return call("save_area", { areaId, input });
}

/** Likely duplicate pairs across the membership, the strongest first. */
export function duplicatePairs(limit: number): Promise<DuplicatePair[]> {
  return call("duplicate_pairs", { limit });
}

/** Members who may be the same person as `personId`, leaving out pairs marked as different. */
export function memberDuplicates(personId: string): Promise<DuplicateMatch[]> {
  return call("member_duplicates", { personId });
}

/**
 * Members who may be the person whose details are being typed, before saving.
 * `excludeId` is the record being edited, if any.
 */
export function detailsDuplicates(
  details: MemberDetails,
  excludeId: string | null,
): Promise<DuplicateMatch[]> {
  return call("details_duplicates", { details, excludeId });
}

/** Records that two members are different people, so they are not suggested again. */
export function dismissDuplicate(a: string, b: string): Promise<void> {
  return call("dismiss_duplicate", { a, b });
}

export function mergeMembers(input: MergeInput): Promise<MergeOutcome> {
  return call("merge_members", { input });
}

/** Brings back the merged record; returns the kept record as it was before the merge. */
export function undoMerge(mergeId: string): Promise<MemberRecord> {
  return call("undo_merge", { mergeId });
}

export function listOrganisations(filter: OrganisationFilter): Promise<OrganisationSummary[]> {
  return call("list_organisations", { filter });
}

/** Reading a group's page is recorded in the audit trail (it names its contacts). */
export function getOrganisation(orgId: string): Promise<Organisation> {
  return call("get_organisation", { orgId });
}

export function createOrganisation(input: OrganisationInput): Promise<Organisation> {
  return call("create_organisation", { input });
}

export function updateOrganisation(orgId: string, input: OrganisationInput): Promise<Organisation> {
  return call("update_organisation", { orgId, input });
}

/** Deletes an organisation with no history; archives one that has some. */
export function removeOrganisation(orgId: string): Promise<RemoveOutcome> {
  return call("remove_organisation", { orgId });
}

/** A group the forum does not know yet and its first enquiry, saved together. */
export function recordGroupEnquiry(
  organisation: OrganisationInput,
  input: StepInput,
): Promise<Organisation> {
  return call("record_group_enquiry", { organisation, input });
}

export function recordAffiliationStep(
  orgId: string,
  step: AffiliationStep,
  input: StepInput,
): Promise<Organisation> {
  return call("record_affiliation_step", { orgId, step, input });
}

/** The versions of the affiliation terms, newest first. */
export function affiliationTerms(): Promise<AffiliationTerms[]> {
  return call("affiliation_terms");
}

/**
 * Publishes a new version of the affiliation terms. Groups already affiliated keep the version
 * they accepted; new applications take this one unless an earlier one is chosen.
 */
export function addAffiliationTerms(text: string): Promise<AffiliationTerms> {
  return call("add_affiliation_terms", { text });
}

export function affiliationSettings(): Promise<AffiliationSettings> {
  return call("affiliation_settings");
}

export function updateAffiliationSettings(
  input: AffiliationSettings,
): Promise<AffiliationSettings> {
  return call("update_affiliation_settings", { input });
}

export function addGroupContact(orgId: string, input: ContactInput): Promise<Organisation> {
  return call("add_group_contact", { orgId, input });
}

export function removeGroupContact(orgId: string, contactId: string): Promise<Organisation> {
  return call("remove_group_contact", { orgId, contactId });
}

export function coOptLeader(orgId: string, input: CoOptionInput): Promise<Organisation> {
  return call("co_opt_leader", { orgId, input });
}

/** Ends a co-option on `untilOn`; blank means today. */
export function endCoOption(
  orgId: string,
  coOptionId: string,
  untilOn: string,
): Promise<Organisation> {
  return call("end_co_option", { orgId, coOptionId, untilOn });
}

/** Everyone co-opted onto the steering group today, from every group. */
export function steeringGroup(): Promise<CoOption[]> {
  return call("steering_group");
}

/** Affiliations overdue for renewal and those due in the next 60 days. */
export function groupRenewals(): Promise<Renewals> {
  return call("group_renewals");
}

export function groupReach(): Promise<Reach> {
  return call("group_reach");
}

/**
 * Runs `handler` whenever the shell locks the app by itself (event `app-locked`).
 * Returns a function that stops listening.
 */
export function onLocked(handler: (event: LockedEvent) => void): () => void {
  return listenFor("app-locked", handler);
}

/**
 * Listens for a shell event; returns a function that stops listening. `listen` resolves
 * later, so stopping before then must still unregister once it does.
 */
function listenFor<T>(name: string, handler: (payload: T) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | undefined;
  try {
    listen<T>(name, (event) => handler(event.payload)).then(
      (stop) => {
        if (stopped) stop();
        else unlisten = stop;
      },
      () => {
        // Outside Tauri (or if the event API fails) there is nothing to listen to.
      },
    );
  } catch {
    // As above: no event API, no events.
  }
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/**
 * Runs `listener` with each `import-progress` event the shell sends while `importMembers`
 * runs. Returns a function that stops listening. Listening starts a moment later, so the
 * first counts of a run may be missed; each event carries the whole count, so the next one
 * catches up.
 */
export function onImportProgress(listener: (progress: ImportProgress) => void): () => void {
  return listenFor("import-progress", listener);
}

/**
 * Checks (`dryRun`) or imports a CSV or Excel file. The bytes go as the raw IPC body, not
 * a JSON array of numbers; the name and options go in headers, percent-encoded because
 * header values must be ASCII.
 */
export async function importMembers(file: File, options: ImportOptions): Promise<ImportReport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return call("import_members", bytes, {
    headers: {
      "x-file-name": encodeURIComponent(file.name),
      "x-import-options": encodeURIComponent(JSON.stringify(options)),
    },
  });
}

/**
 * Asks where to save a mailing list (the native "Save as" dialog). Null when the user
 * cancels.
 */
export async function chooseExportPath(
  defaultName: string,
  excel: boolean,
): Promise<string | null> {
  try {
    return await save({
      title: "Save the mailing list",
      defaultPath: defaultName,
      filters: [
        excel
          ? { name: "Excel workbook", extensions: ["xlsx"] }
          : { name: "CSV file", extensions: ["csv"] },
      ],
    });
  } catch (error) {
    throw toAppError(error);
  }
}

/** Writes a consent-limited mailing list to `path`; returns what was written. */
export function exportMembers(input: ExportInput, path: string): Promise<ExportFile> {
  return call("export_members", { input, path });
}

export function listActivities(filter: ActivityFilter): Promise<ActivitySummary[]> {
  return call("list_activities", { filter });
}

export function getActivity(activityId: string): Promise<Activity> {
  return call("get_activity", { activityId });
}

export function createActivity(input: ActivityInput): Promise<Activity> {
  return call("create_activity", { input });
}

/**
 * A meeting attended at a body: the activity and the body's meeting, recorded together or
 * not at all, so a retry after an error cannot duplicate the activity.
 */
export function recordMeetingAttended(input: QuickMeetingInput): Promise<Activity> {
  return call("record_meeting_attended", { input });
}

export function updateActivity(activityId: string, input: ActivityInput): Promise<Activity> {
  return call("update_activity", { activityId, input });
}

export function deleteActivity(activityId: string): Promise<void> {
  return call("delete_activity", { activityId });
}

/**
 * Attaches a file to an activity. As with imports, the bytes go as the raw IPC body; the
 * activity and the file's name go in percent-encoded headers.
 */
export async function addActivityDocument(activityId: string, file: File): Promise<DocumentInfo> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return call("add_activity_document", bytes, {
    headers: {
      "x-activity-id": encodeURIComponent(activityId),
      "x-file-name": encodeURIComponent(file.name),
    },
  });
}

/**
 * Asks where to save a document (the native "Save as" dialog), then writes it there.
 * False when the user cancels.
 */
export async function saveActivityDocument(documentId: string, fileName: string): Promise<boolean> {
  let path: string | null;
  try {
    path = await save({ title: "Save the document", defaultPath: fileName });
  } catch (error) {
    throw toAppError(error);
  }
  if (path === null) return false;
  await call<void>("save_activity_document", { documentId, path });
  return true;
}

export function removeActivityDocument(documentId: string): Promise<void> {
  return call("remove_activity_document", { documentId });
}

/** Every body, archived ones included (marked), for the representation page. */
export function listBodies(): Promise<Body[]> {
  return call("list_bodies");
}

/** Adds a body when `bodyId` is null, renames it otherwise. */
export function saveBody(bodyId: string | null, input: BodyInput): Promise<Body> {
  return call("save_body", { bodyId, input });
}

export function archiveBody(bodyId: string): Promise<void> {
  return call("archive_body", { bodyId });
}

export function listSeats(): Promise<Seat[]> {
  return call("list_seats");
}

export function addSeat(input: SeatInput): Promise<Seat> {
  return call("add_seat", { input });
}

/** Ends a seat on `untilOn`; blank means today. */
export function endSeat(seatId: string, untilOn: string): Promise<void> {
  return call("end_seat", { seatId, untilOn });
}

export function recordBodyMeeting(input: MeetingInput): Promise<BodyMeeting> {
  return call("record_body_meeting", { input });
}

/** Meetings held from `from` to `to` (ISO dates, inclusive). */
export function listBodyMeetings(from: string, to: string): Promise<BodyMeeting[]> {
  return call("list_body_meetings", { from, to });
}

export function bodyAttendance(from: string, to: string): Promise<BodyAttendance[]> {
  return call("body_attendance", { from, to });
}

/** Every indicator with its review and computed figure for the quarter holding `quarter`. */
export function indicatorReviews(quarter: string): Promise<IndicatorReview[]> {
  return call("indicator_reviews", { quarter });
}

export function reviewIndicator(indicatorId: string, input: ReviewInput): Promise<IndicatorReview> {
  return call("review_indicator", { indicatorId, input });
}

export function listGrants(): Promise<GrantPeriod[]> {
  return call("list_grants");
}

export function createGrant(input: GrantInput): Promise<GrantPeriod> {
  return call("create_grant", { input });
}

/** Marks a tranche received or a return submitted on `onDate` (today when blank). */
export function markGrantPartDone(partId: string, onDate: string): Promise<GrantPeriod> {
  return call("mark_grant_part_done", { partId, onDate });
}

export function addBudgetLine(grantId: string, input: BudgetLineInput): Promise<GrantPeriod> {
  return call("add_budget_line", { grantId, input });
}

export function recordSpend(input: SpendInput): Promise<GrantPeriod> {
  return call("record_spend", { input });
}

export function spendLog(grantId: string): Promise<SpendEntry[]> {
  return call("spend_log", { grantId });
}

export function evidencePack(from: string, to: string): Promise<EvidencePack> {
  return call("evidence_pack", { from, to });
}

/** Asks where to save the evidence figures. Null when the user cancels. */
export async function chooseFiguresPath(
  defaultName: string,
  format: FiguresFormat,
): Promise<string | null> {
  try {
    return await save({
      title: "Save the evidence figures",
      defaultPath: defaultName,
      filters: [
        format === "csv"
          ? { name: "CSV file", extensions: ["csv"] }
          : { name: "JSON file", extensions: ["json"] },
      ],
    });
  } catch (error) {
    throw toAppError(error);
  }
}

/** Writes the figures of the pack for `from`..`to` to `path`; returns the row count. */
export function saveEvidenceFigures(
  from: string,
  to: string,
  format: FiguresFormat,
  path: string,
): Promise<FiguresFile> {
  return call("save_evidence_figures", { from, to, format, path });
}

/** Asks where to save the evidence pack as a Word document. Null when the user cancels. */
export async function chooseDocxPath(defaultName: string): Promise<string | null> {
  try {
    return await save({
      title: "Save the evidence pack as a Word document",
      defaultPath: defaultName,
      filters: [{ name: "Word document", extensions: ["docx"] }],
    });
  } catch (error) {
    throw toAppError(error);
  }
}

/** Writes the pack for `from`..`to` as a Word document to `path`; returns its size in bytes. */
export function saveEvidenceDocx(from: string, to: string, path: string): Promise<number> {
  return call("save_evidence_docx", { from, to, path });
}

// GDPR: subject access requests

/** The request log; `openOnly` for the requests still to answer. */
export function listDataRequests(filter: DataRequestFilter): Promise<DataRequest[]> {
  return call("list_data_requests", { filter });
}

/** Open requests past their deadline or due within 7 days (admins only). */
export function dataRequestsDue(): Promise<DataRequest[]> {
  return call("data_requests_due");
}

export function recordDataRequest(input: DataRequestInput): Promise<DataRequest> {
  return call("record_data_request", { input });
}

export function dataRequestIdentityChecked(
  requestId: string,
  input: IdentityCheckInput,
): Promise<DataRequest> {
  return call("data_request_identity_checked", { requestId, input });
}

export function extendDataRequest(requestId: string, input: ExtensionInput): Promise<DataRequest> {
  return call("extend_data_request", { requestId, input });
}

export function pauseDataRequest(requestId: string, input: PauseInput): Promise<DataRequest> {
  return call("pause_data_request", { requestId, input });
}

export function resumeDataRequest(requestId: string, input: PauseInput): Promise<DataRequest> {
  return call("resume_data_request", { requestId, input });
}

export function closeDataRequest(
  requestId: string,
  input: CloseRequestInput,
): Promise<DataRequest> {
  return call("close_data_request", { requestId, input });
}

/**
 * Asks where to save a subject access export (the native "Save as" dialog, the only one the
 * app may open): the export makes its own dated folder beside the name chosen. Null when
 * the user cancels.
 */
export async function chooseSubjectAccessPath(defaultName: string): Promise<string | null> {
  try {
    return await save({
      title: "Choose where to save the copy of their data",
      defaultPath: defaultName,
    });
  } catch (error) {
    throw toAppError(error);
  }
}

/** Writes everything held about a person into a new folder beside `path`. */
export function exportSubjectAccess(
  personId: string,
  requestId: string | null,
  path: string,
): Promise<SarExport> {
  return call("export_subject_access", { personId, requestId, path });
}

// GDPR: erasure and retention

/** Erases a person (admins only): irreversible; the screen must have had it typed-confirmed. */
export function erasePerson(personId: string, requestId: string | null): Promise<ErasureReport> {
  return call("erase_person", { personId, requestId });
}

/** What the retention schedule catches today, each with its reason (officers and admins). */
export function retentionQueue(): Promise<RetentionEntry[]> {
  return call("retention_queue");
}

/** How many queue entries can be acted on, for the home screen. */
export function retentionQueueCount(): Promise<number> {
  return call("retention_queue_count");
}

/** Erases the chosen people and removes the chosen children's details. Irreversible. */
export function applyRetention(chosen: RetentionChoice[]): Promise<RetentionOutcome> {
  return call("apply_retention", { chosen });
}

/** Keeps the chosen entries out of the queue for a year, with the reason recorded. */
export function keepRetention(chosen: RetentionChoice[], reason: string): Promise<number> {
  return call("keep_retention", { chosen, reason });
}

export function retentionSettings(): Promise<RetentionSettings> {
  return call("retention_settings");
}

export function updateRetentionSettings(input: RetentionSettings): Promise<RetentionSettings> {
  return call("update_retention_settings", { input });
}

// GDPR: audit viewer, breaches, record of processing

/** A page of the audit log, newest first; pass the page's `nextBefore` as `before` for more. */
export function listAudit(filter: AuditFilter): Promise<AuditPage> {
  return call("list_audit", { filter });
}

/** Everyone who has used ForumDesk, for the user filter. */
export function auditUsers(): Promise<AuditUser[]> {
  return call("audit_users");
}

/** The kinds of entry, in words, for the action filter. */
export function auditActions(): Promise<AuditAction[]> {
  return call("audit_actions");
}

/** Checks that no audit entry was changed, removed or reordered. */
export function verifyAudit(): Promise<AuditReport> {
  return call("verify_audit");
}

/** Asks where to save a file (the native "Save as" dialog). Null when the user cancels. */
export async function chooseSavePath(
  title: string,
  defaultName: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  try {
    return await save({ title, defaultPath: defaultName, filters: [filter] });
  } catch (error) {
    throw toAppError(error);
  }
}

/** Writes the filtered entries to `path` as a CSV for an auditor; returns the count. */
export function saveAuditExport(filter: AuditFilter, path: string): Promise<AuditExport> {
  return call("save_audit_export", { filter, path });
}

export function listBreaches(): Promise<Breach[]> {
  return call("list_breaches");
}

export function recordBreach(input: BreachInput): Promise<Breach> {
  return call("record_breach", { input });
}

export function updateBreach(id: string, input: BreachInput): Promise<Breach> {
  return call("update_breach", { id, input });
}

/** Reportable breaches not yet reported to the ICO, nearest deadline first. */
export function breachDeadlines(): Promise<BreachDeadline[]> {
  return call("breach_deadlines");
}

export function processingDocuments(): Promise<ProcessingDocuments> {
  return call("processing_documents");
}

export function saveProcessingDocument(
  document: "record" | "notice",
  format: "html" | "markdown",
  path: string,
): Promise<void> {
  return call("save_processing_document", { document, format, path });
}

// Drives: drives and kiosk

/** Every recruitment drive, the latest first, with its sign-up counts. */
export function listDrives(): Promise<DriveSummary[]> {
  return call("list_drives");
}

export function getDrive(driveId: string): Promise<Drive> {
  return call("get_drive", { driveId });
}

export function createDrive(input: DriveInput): Promise<Drive> {
  return call("create_drive", { input });
}

export function updateDrive(driveId: string, input: DriveInput): Promise<Drive> {
  return call("update_drive", { driveId, input });
}

/** Who can be named as a volunteer on the drive form: active users who are not kiosks. */
export function driveVolunteerChoices(): Promise<DriveVolunteer[]> {
  return call("drive_volunteer_choices");
}

/** Sign-ups, new members and how fast, by area and need, cost per new member. */
export function driveResults(driveId: string): Promise<DriveResults> {
  return call("drive_results", { driveId });
}

/** The review queue (officers and admins), for one drive or, with null, all. */
export function pendingSignUps(driveId: string | null): Promise<PendingSignUp[]> {
  return call("pending_signups", { driveId });
}

/** Accepts a sign-up as an active member from the date given (today when blank). */
export function acceptSignUp(signupId: string, input: MembershipDateInput): Promise<void> {
  return call("accept_signup", { signupId, input });
}

/** Merges a sign-up into an existing member's record, which is kept. */
export function mergeSignUp(signupId: string, input: SignUpMergeInput): Promise<void> {
  return call("merge_signup", { signupId, input });
}

/** Discards a sign-up: the person it created is deleted. */
export function discardSignUp(signupId: string): Promise<void> {
  return call("discard_signup", { signupId });
}

/**
 * Turns this session into the kiosk for a drive and makes the window full-screen. The
 * returned session has role "kiosk" and `kiosk` set; every other command is refused.
 */
export function startKiosk(driveId: string): Promise<SessionInfo> {
  return call("start_kiosk", { driveId });
}

/** Ends kiosk mode with a volunteer's password (blank username: whoever started it). */
export function leaveKiosk(input: LeaveKioskInput): Promise<SessionInfo> {
  return call("leave_kiosk", { input });
}

/** The kiosk form: the drive, each consent statement (never ticked), the needs choices. */
export function kioskForm(): Promise<KioskForm> {
  return call("kiosk_form");
}

/** Adds one sign-up; resolves with nothing, so the form goes back to empty. */
export function submitKioskSignUp(input: KioskSubmission): Promise<void> {
  return call("submit_kiosk_signup", { input });
}

// Drives: reach and packs

/** The local SEND population figures, their year and source (admins and officers). */
export function populationFigures(): Promise<Population> {
  return call("population_figures");
}

/** Adds a population figure or changes it (admins). */
export function savePopulationCell(input: PopulationCellInput): Promise<Population> {
  return call("save_population_cell", { input });
}

/** Removes the figure for one area, need and age band (admins). */
export function removePopulationCell(
  areaId: string,
  primaryNeed: Need,
  ageBand: AgeBand,
): Promise<Population> {
  return call("remove_population_cell", { areaId, primaryNeed, ageBand });
}

/** Records the year the figures describe and where they come from (admins). */
export function setPopulationSource(input: PopulationSourceInput): Promise<Population> {
  return call("set_population_source", { input });
}

/**
 * Imports the population CSV (the README's template), replacing every figure, or nothing
 * when any row has a problem. As with member imports, the bytes go as the raw IPC body and
 * the name, year and source in percent-encoded headers.
 */
export async function importPopulation(
  file: File,
  source: PopulationSourceInput,
): Promise<PopulationImportReport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return call("import_population", bytes, {
    headers: {
      "x-file-name": encodeURIComponent(file.name),
      "x-population-source": encodeURIComponent(JSON.stringify(source)),
    },
  });
}

/** Membership against the population figures: ratios, under-represented cells, targets. */
export function reachGap(options: ReachGapOptions): Promise<ReachGap> {
  return call("reach_gap", { options });
}

/** Writes the reach gap to `path` as CSV or JSON, counts under 5 written "fewer than 5". */
export function saveReachGap(
  options: ReachGapOptions,
  format: ReachGapFormat,
  path: string,
): Promise<ReachGapFile> {
  return call("save_reach_gap", { options, format, path });
}

/** Seals a drive's sign-ups in a transfer pack written to `path` (from `chooseSavePath`). */
export function exportTransferPack(
  driveId: string,
  input: PackExportInput,
  path: string,
): Promise<PackFile> {
  return call("export_transfer_pack", { driveId, input, path });
}

/**
 * Imports a transfer pack: the bytes as the raw IPC body, the file's name and the
 * passphrase in percent-encoded headers. Importing the same pack again adds nothing.
 */
export async function importTransferPack(
  file: File,
  passphrase: string,
): Promise<PackImportReport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return call("import_transfer_pack", bytes, {
    headers: {
      "x-file-name": encodeURIComponent(file.name),
      "x-pack-passphrase": encodeURIComponent(passphrase),
    },
  });
}
