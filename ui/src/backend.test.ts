import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "./backend";
import type { ChildInput } from "./bindings/ChildInput";
import type { ConsentInput } from "./bindings/ConsentInput";
import type { MemberDetails } from "./bindings/MemberDetails";
import type { MemberQuery } from "./bindings/MemberQuery";
import { GENERIC_ERROR_MESSAGE, toAppError } from "./errors";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn() }));

const invokeMock = vi.mocked(invoke);

const QUERY: MemberQuery = {
  text: "zoe",
  status: null,
  areaId: null,
  memberType: null,
  consent: "email_news",
  need: null,
  provision: null,
  sort: "name",
  page: 1,
  pageSize: 25,
};
const DETAILS: MemberDetails = {
  firstName: "Zoë",
  lastName: "Nowak",
  preferredName: "",
  email: "",
  phone: "",
  addressLine1: "",
  addressLine2: "",
  town: "",
  postcode: "PR1 2HE",
  areaId: null,
  heardAbout: "",
  notes: "",
  memberType: "parent_carer",
  recruitmentSource: "",
};
const CONSENT: ConsentInput = {
  purposeId: "email_news",
  given: true,
  method: "paper",
  confirmDeletion: false,
};
const CHILD: ChildInput = {
  yearOfBirth: 2016,
  ageBand: null,
  primaryNeed: "ASD",
  secondaryNeeds: [],
  provision: "ehcp",
  schoolPhase: null,
  settingType: null,
  localAuthority: "",
};
const listenMock = vi.mocked(listen);

beforeEach(() => {
  invokeMock.mockReset();
  listenMock.mockReset();
});

describe("commands", () => {
  it.each([
    ["appStatus", () => backend.appStatus(), "app_status", undefined],
    ["lock", () => backend.lock(), "lock", undefined],
    ["reportActivity", () => backend.reportActivity(), "report_activity", undefined],
    ["listUsers", () => backend.listUsers(), "list_users", undefined],
    ["disableUser", () => backend.disableUser("u-7"), "disable_user", { userId: "u-7" }],
    [
      "setupForum",
      () =>
        backend.setupForum({
          forumName: "F",
          adminUsername: "a",
          adminDisplayName: "A",
          password: "p",
          passwordConfirm: "p",
        }),
      "setup_forum",
      {
        input: {
          forumName: "F",
          adminUsername: "a",
          adminDisplayName: "A",
          password: "p",
          passwordConfirm: "p",
        },
      },
    ],
    [
      "unlock",
      () => backend.unlock({ username: "a", password: "p" }),
      "unlock",
      { input: { username: "a", password: "p" } },
    ],
    [
      "unlockWithRecoveryKey",
      () =>
        backend.unlockWithRecoveryKey({
          recoveryKey: "k",
          username: "a",
          newPassword: "n",
          newPasswordConfirm: "n",
        }),
      "unlock_with_recovery_key",
      { input: { recoveryKey: "k", username: "a", newPassword: "n", newPasswordConfirm: "n" } },
    ],
    [
      "addUser",
      () =>
        backend.addUser({
          username: "b",
          displayName: "B",
          role: "kiosk",
          password: "p",
          passwordConfirm: "p",
        }),
      "add_user",
      {
        input: {
          username: "b",
          displayName: "B",
          role: "kiosk",
          password: "p",
          passwordConfirm: "p",
        },
      },
    ],
    [
      "resetUserPassword",
      () => backend.resetUserPassword({ userId: "u", newPassword: "n", newPasswordConfirm: "n" }),
      "reset_user_password",
      { input: { userId: "u", newPassword: "n", newPasswordConfirm: "n" } },
    ],
    [
      "changeOwnPassword",
      () =>
        backend.changeOwnPassword({
          currentPassword: "c",
          newPassword: "n",
          newPasswordConfirm: "n",
        }),
      "change_own_password",
      { input: { currentPassword: "c", newPassword: "n", newPasswordConfirm: "n" } },
    ],
    [
      "updateSettings",
      () => backend.updateSettings({ idleLockMinutes: 20 }),
      "update_settings",
      { input: { idleLockMinutes: 20 } },
    ],
    ["searchMembers", () => backend.searchMembers(QUERY), "search_members", { query: QUERY }],
    ["getMember", () => backend.getMember("p-1"), "get_member", { personId: "p-1" }],
    [
      "createMember",
      () => backend.createMember(DETAILS, { status: "active", joinedOn: null }),
      "create_member",
      { details: DETAILS, start: { status: "active", joinedOn: null } },
    ],
    [
      "updateMember",
      () => backend.updateMember("p-1", DETAILS),
      "update_member",
      { personId: "p-1", details: DETAILS },
    ],
    ["consentPurposes", () => backend.consentPurposes(), "consent_purposes", undefined],
    ["consentHistory", () => backend.consentHistory("p-1"), "consent_history", { personId: "p-1" }],
    [
      "recordConsent",
      () => backend.recordConsent("p-1", CONSENT),
      "record_consent",
      { personId: "p-1", input: CONSENT },
    ],
    [
      "saveChild",
      () => backend.saveChild("p-1", null, CHILD),
      "save_child",
      { personId: "p-1", childId: null, input: CHILD },
    ],
    [
      "removeChild",
      () => backend.removeChild("p-1", "c-1"),
      "remove_child",
      { personId: "p-1", childId: "c-1" },
    ],
    [
      "saveEquality",
      () => backend.saveEquality("p-1", { ethnicity: "e", firstLanguage: "f" }),
      "save_equality",
      { personId: "p-1", input: { ethnicity: "e", firstLanguage: "f" } },
    ],
    [
      "membershipHistory",
      () => backend.membershipHistory("p-1"),
      "membership_history",
      { personId: "p-1" },
    ],
    [
      "approveMembership",
      () => backend.approveMembership("p-1", { onDate: "" }),
      "approve_membership",
      { personId: "p-1", input: { onDate: "" } },
    ],
    [
      "renewMembership",
      () => backend.renewMembership("p-1", { onDate: "1/3/2026" }),
      "renew_membership",
      { personId: "p-1", input: { onDate: "1/3/2026" } },
    ],
    [
      "lapseMembership",
      () => backend.lapseMembership("p-1", { onDate: "" }),
      "lapse_membership",
      { personId: "p-1", input: { onDate: "" } },
    ],
    [
      "recordLeaving",
      () => backend.recordLeaving("p-1", { onDate: "", reason: "Moved away" }),
      "record_leaving",
      { personId: "p-1", input: { onDate: "", reason: "Moved away" } },
    ],
    [
      "rejoinMembership",
      () => backend.rejoinMembership("p-1", { onDate: "" }),
      "rejoin_membership",
      { personId: "p-1", input: { onDate: "" } },
    ],
    ["membershipSettings", () => backend.membershipSettings(), "membership_settings", undefined],
    [
      "updateMembershipSettings",
      () => backend.updateMembershipSettings({ renewalMonths: 12, lapseAfterDays: 90 }),
      "update_membership_settings",
      { input: { renewalMonths: 12, lapseAfterDays: 90 } },
    ],
    ["listAreas", () => backend.listAreas(), "list_areas", undefined],
    [
      "saveArea",
      () => backend.saveArea(null, { name: "Preston", districts: "PR1" }),
      "save_area",
      { areaId: null, input: { name: "Preston", districts: "PR1" } },
    ],
    ["duplicatePairs", () => backend.duplicatePairs(100), "duplicate_pairs", { limit: 100 }],
    [
      "memberDuplicates",
      () => backend.memberDuplicates("p-1"),
      "member_duplicates",
      { personId: "p-1" },
    ],
    [
      "detailsDuplicates",
      () => backend.detailsDuplicates(DETAILS, null),
      "details_duplicates",
      { details: DETAILS, excludeId: null },
    ],
    [
      "dismissDuplicate",
      () => backend.dismissDuplicate("p-1", "p-2"),
      "dismiss_duplicate",
      { a: "p-1", b: "p-2" },
    ],
    [
      "mergeMembers",
      () => backend.mergeMembers({ keepId: "p-1", mergeId: "p-2", picks: { email: "merge" } }),
      "merge_members",
      { input: { keepId: "p-1", mergeId: "p-2", picks: { email: "merge" } } },
    ],
    ["undoMerge", () => backend.undoMerge("m-1"), "undo_merge", { mergeId: "m-1" }],
  ])("%s invokes %s with camelCase arguments", async (_name, call, command, args) => {
    invokeMock.mockResolvedValue("result");
    await expect(call()).resolves.toBe("result");
    expect(invokeMock).toHaveBeenCalledWith(command, args);
  });

  it("sends an import's file as the raw body, with its name and options in headers", async () => {
    invokeMock.mockResolvedValue("report");
    const file = new File(["First name\nZoë\n"], "leden lijst é.csv", { type: "text/csv" });
    const options = {
      mapping: ["first_name" as const],
      dryRun: true,
      allOrNothing: false,
      duplicates: "skip" as const,
      saveMapping: true,
    };
    await expect(backend.importMembers(file, options)).resolves.toBe("report");
    const [command, body, extra] = invokeMock.mock.calls[0] ?? [];
    expect(command).toBe("import_members");
    expect(body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(body as Uint8Array)).toBe("First name\nZoë\n");
    const headers = (extra as { headers: Record<string, string> }).headers;
    expect(decodeURIComponent(headers["x-file-name"] ?? "")).toBe("leden lijst é.csv");
    expect(headers["x-file-name"]).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(decodeURIComponent(headers["x-import-options"] ?? ""))).toEqual(options);
  });

  it("exports to the path chosen in the save dialog", async () => {
    vi.mocked(save).mockResolvedValue("/home/sam/list.csv");
    await expect(backend.chooseExportPath("list.csv", false)).resolves.toBe("/home/sam/list.csv");
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: "list.csv" }));
    invokeMock.mockResolvedValue("file");
    const input = { purpose: "email_news", format: "csv" as const, includeSpecial: false };
    await expect(backend.exportMembers(input, "/home/sam/list.csv")).resolves.toBe("file");
    expect(invokeMock).toHaveBeenCalledWith("export_members", {
      input,
      path: "/home/sam/list.csv",
    });
  });

  it("passes an AppError from the shell through unchanged", async () => {
    const error = { kind: "forbidden", message: "Wrong password", fields: { password: "No" } };
    invokeMock.mockRejectedValue(error);
    await expect(backend.unlock({ username: "a", password: "b" })).rejects.toEqual(error);
  });

  it("wraps anything else as an internal error", async () => {
    invokeMock.mockRejectedValue("command list_users not found");
    await expect(backend.listUsers()).rejects.toEqual({
      kind: "internal",
      message: GENERIC_ERROR_MESSAGE,
      fields: {},
    });
  });
});

describe("toAppError", () => {
  it("fills in missing fields and drops non-string field messages", () => {
    expect(toAppError({ kind: "locked", message: "Wait 30 seconds" })).toEqual({
      kind: "locked",
      message: "Wait 30 seconds",
      fields: {},
    });
    expect(
      toAppError({ kind: "validation", message: "m", fields: { a: "x", b: 3, c: null } }),
    ).toEqual({ kind: "validation", message: "m", fields: { a: "x" } });
  });

  it.each([
    [new Error("boom")],
    [null],
    [undefined],
    [{ kind: "nonsense", message: "x" }],
    [{ kind: "validation" }],
  ])("treats %s as internal", (value) => {
    expect(toAppError(value).kind).toBe("internal");
  });
});

describe("onLocked", () => {
  it("listens for app-locked and hands the payload to the handler", async () => {
    const unlisten = vi.fn();
    let emit: ((event: { payload: unknown }) => void) | undefined;
    listenMock.mockImplementation(async (_name, handler) => {
      emit = handler as typeof emit;
      return unlisten;
    });
    const handler = vi.fn();
    const stop = backend.onLocked(handler);
    expect(listenMock).toHaveBeenCalledWith("app-locked", expect.any(Function));
    await Promise.resolve();
    emit?.({ payload: { reason: "sleep" } });
    expect(handler).toHaveBeenCalledWith({ reason: "sleep" });
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it("stops listening even when stopped before listen resolves", async () => {
    const unlisten = vi.fn();
    let resolve: ((stop: () => void) => void) | undefined;
    listenMock.mockReturnValue(
      new Promise((r) => {
        resolve = r;
      }),
    );
    const stop = backend.onLocked(vi.fn());
    stop();
    resolve?.(unlisten);
    await new Promise((r) => setTimeout(r, 0));
    expect(unlisten).toHaveBeenCalledTimes(1);
  });
});

describe("onImportProgress", () => {
  it("listens for import-progress and hands each count to the listener", async () => {
    const unlisten = vi.fn();
    let emit: ((event: { payload: unknown }) => void) | undefined;
    listenMock.mockImplementation(async (_name, handler) => {
      emit = handler as typeof emit;
      return unlisten;
    });
    const listener = vi.fn();
    const stop = backend.onImportProgress(listener);
    expect(listenMock).toHaveBeenCalledWith("import-progress", expect.any(Function));
    await Promise.resolve();
    emit?.({ payload: { rowsDone: 500, rowsTotal: 1201, dryRun: true } });
    expect(listener).toHaveBeenCalledWith({ rowsDone: 500, rowsTotal: 1201, dryRun: true });
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });
});

describe("onLocked outside Tauri", () => {
  it("does not throw when the event API is missing", () => {
    listenMock.mockImplementation(() => {
      throw new TypeError("window.__TAURI_INTERNALS__ is undefined");
    });
    const stop = backend.onLocked(vi.fn());
    expect(() => stop()).not.toThrow();
  });
});
