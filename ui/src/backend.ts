// The ONLY module that talks to the Tauri shell. Screens import these functions;
// component tests mock this module.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import type { AppStatus } from "./bindings/AppStatus";
import type { Area } from "./bindings/Area";
import type { AreaInput } from "./bindings/AreaInput";
import type { ChangePasswordInput } from "./bindings/ChangePasswordInput";
import type { ChildInput } from "./bindings/ChildInput";
import type { ConsentEvent } from "./bindings/ConsentEvent";
import type { ConsentInput } from "./bindings/ConsentInput";
import type { ConsentPurpose } from "./bindings/ConsentPurpose";
import type { EqualityInput } from "./bindings/EqualityInput";
import type { ExportFile } from "./bindings/ExportFile";
import type { ExportInput } from "./bindings/ExportInput";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportReport } from "./bindings/ImportReport";
import type { LockedEvent } from "./bindings/LockedEvent";
import type { MemberDetails } from "./bindings/MemberDetails";
import type { MemberPage } from "./bindings/MemberPage";
import type { MemberQuery } from "./bindings/MemberQuery";
import type { MemberRecord } from "./bindings/MemberRecord";
import type { MembershipStart } from "./bindings/MembershipStart";
import type { NewUserInput } from "./bindings/NewUserInput";
import type { RecoveryInput } from "./bindings/RecoveryInput";
import type { ResetPasswordInput } from "./bindings/ResetPasswordInput";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { SettingsInput } from "./bindings/SettingsInput";
import type { SetupInput } from "./bindings/SetupInput";
import type { SetupResult } from "./bindings/SetupResult";
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

export function listAreas(): Promise<Area[]> {
  return call("list_areas");
}

/** Adds an area (`areaId` null) or changes one. */
export function saveArea(areaId: string | null, input: AreaInput): Promise<Area> {
  return call("save_area", { areaId, input });
}

/**
 * Runs `handler` whenever the shell locks the app by itself (event `app-locked`).
 * Returns a function that stops listening.
 */
export function onLocked(handler: (event: LockedEvent) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | undefined;
  try {
    listen<LockedEvent>("app-locked", (event) => handler(event.payload)).then(
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
