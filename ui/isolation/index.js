// Tauri's isolation pattern: every IPC message from the UI passes through this sandboxed iframe,
// which then encrypts it with a key the UI's own scripts never see. A compromised npm dependency
// in the UI bundle therefore cannot forge IPC calls that skip this hook.
//
// The hook is the one place to veto calls the UI never legitimately makes. ForumDesk's commands
// already validate everything in Rust and the capability allows only the app's own commands,
// so the hook only refuses anything that is not a plain object: it stays a pass-through for
// the real UI and a tripwire for code that tampers with the IPC channel.
window.__TAURI_ISOLATION_HOOK__ = (payload) => {
  if (payload === null || typeof payload !== "object") {
    throw new TypeError("ForumDesk isolation: refused a malformed IPC message");
  }
  return payload;
};
