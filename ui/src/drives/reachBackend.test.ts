// The typed functions for population figures, the reach gap and transfer packs: command
// names and argument shapes as the shell's commands take them.
import { invoke } from "@tauri-apps/api/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as backend from "../backend";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn() }));

const invokeMock = vi.mocked(invoke);

function sent() {
  const [command, body, extra] = invokeMock.mock.calls[0] ?? [];
  const headers = (extra as { headers: Record<string, string> } | undefined)?.headers ?? {};
  return { command, body, headers };
}

beforeEach(() => {
  invokeMock.mockReset();
  invokeMock.mockResolvedValue("ok");
});

describe("reach and packs backend", () => {
  it("sends a population file as raw bytes, its name and source in ASCII headers", async () => {
    const file = new File(["area,primary_need,age_band,children\n"], "Zahlen é 2026.csv");
    const source = { year: 2026, source: "DfE SEN2 2026 — split by the council" };
    await expect(backend.importPopulation(file, source)).resolves.toBe("ok");
    const { command, body, headers } = sent();
    expect(command).toBe("import_population");
    expect(body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(body as Uint8Array)).toBe(
      "area,primary_need,age_band,children\n",
    );
    expect(decodeURIComponent(headers["x-file-name"] ?? "")).toBe("Zahlen é 2026.csv");
    expect(JSON.parse(decodeURIComponent(headers["x-population-source"] ?? ""))).toEqual(source);
    for (const value of Object.values(headers)) expect(value).toMatch(/^[\x20-\x7e]+$/);
  });

  it("sends a pack as raw bytes with its passphrase percent-encoded", async () => {
    const file = new File([new Uint8Array([0, 255, 7])], "Café stall 2026-11-21.fdpack");
    const passphrase = "crème brûlée % & = harbour";
    await backend.importTransferPack(file, passphrase);
    const { command, body, headers } = sent();
    expect(command).toBe("import_transfer_pack");
    expect(Array.from(body as Uint8Array)).toEqual([0, 255, 7]);
    expect(decodeURIComponent(headers["x-pack-passphrase"] ?? "")).toBe(passphrase);
    expect(decodeURIComponent(headers["x-file-name"] ?? "")).toBe("Café stall 2026-11-21.fdpack");
    for (const value of Object.values(headers)) expect(value).toMatch(/^[\x20-\x7e]+$/);
  });

  it("names each command and argument as the shell does", async () => {
    const options = { ageBand: "5-10" as const, targets: null };
    const input = { passphrase: "a b c d", passphraseConfirm: "a b c d" };
    await backend.populationFigures();
    await backend.savePopulationCell({
      areaId: "a-1",
      primaryNeed: "ASD",
      ageBand: "0-4",
      children: 3,
    });
    await backend.removePopulationCell("a-1", "ASD", "0-4");
    await backend.setPopulationSource({ year: 2026, source: "" });
    await backend.reachGap(options);
    await backend.saveReachGap(options, "json", "/tmp/gap.json");
    await backend.exportTransferPack("d-1", input, "/tmp/p.fdpack");
    expect(invokeMock.mock.calls).toEqual([
      ["population_figures", undefined],
      [
        "save_population_cell",
        { input: { areaId: "a-1", primaryNeed: "ASD", ageBand: "0-4", children: 3 } },
      ],
      ["remove_population_cell", { areaId: "a-1", primaryNeed: "ASD", ageBand: "0-4" }],
      ["set_population_source", { input: { year: 2026, source: "" } }],
      ["reach_gap", { options }],
      ["save_reach_gap", { options, format: "json", path: "/tmp/gap.json" }],
      ["export_transfer_pack", { driveId: "d-1", input, path: "/tmp/p.fdpack" }],
    ]);
  });
});
