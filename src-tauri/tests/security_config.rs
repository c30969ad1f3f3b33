//! The window's security settings, checked so a later edit cannot loosen them unnoticed.

use std::collections::BTreeSet;

use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn read_json(relative: &str) -> Value {
    // Run-time value first: a test binary reused from another clone must check this one.
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    let path = root.join(relative);
    let text = std::fs::read_to_string(&path).expect("readable file");
    serde_json::from_str(&text).expect("valid JSON")
}

fn csp() -> String {
    read_json("tauri.conf.json")["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string")
        .to_owned()
}

fn directive(csp: &str, name: &str) -> Vec<String> {
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
        .map(|rest| rest.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

#[test]
fn the_csp_allows_no_inline_code_eval_or_remote_hosts() {
    let csp = csp();
    for forbidden in ["'unsafe-inline'", "'unsafe-eval'", "https:", "*"] {
        assert!(
            !csp.contains(forbidden),
            "CSP must not contain {forbidden}: {csp}"
        );
    }
    let remote: Vec<_> = csp
        .split([' ', ';'])
        .filter(|s| s.starts_with("http://") && *s != "http://ipc.localhost")
        .collect();
    assert!(
        remote.is_empty(),
        "only the IPC host may be named: {remote:?}"
    );
    assert_eq!(directive(&csp, "object-src"), ["'none'"]);
    assert_eq!(directive(&csp, "frame-ancestors"), ["'none'"]);
}

/// Tauri hides its isolation iframe with an injected `<style>`; without this hash the CSP
/// blocks it and the frame shows (and fails axe's frame-title rule).
#[test]
fn the_csp_allows_exactly_the_isolation_frame_style() {
    let style = tauri::utils::pattern::isolation::IFRAME_STYLE;
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
    let style_src = directive(&csp(), "style-src");
    assert_eq!(style_src, ["'self'".to_owned(), format!("'sha256-{hash}'")]);
}

#[test]
fn the_isolation_pattern_and_frozen_prototypes_are_on() {
    let security = &read_json("tauri.conf.json")["app"]["security"];
    assert_eq!(security["pattern"]["use"], "isolation");
    assert_eq!(security["freezePrototype"], true);
}

/// The main window gets every app command (each listed in build.rs) and, of Tauri's own API,
/// only listening for events: no window, file, shell or network permissions.
#[test]
fn the_capability_grants_the_app_commands_event_listening_and_the_save_dialog_only() {
    let capability = read_json("capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("a permission list")
        .iter()
        .map(|p| p.as_str().expect("permission names").to_owned())
        .collect();

    let manifests = read_json("gen/schemas/acl-manifests.json");
    let app_permissions = manifests["__app-acl__"]["permissions"]
        .as_object()
        .expect("generated app permissions");
    let mut expected: BTreeSet<String> = app_permissions
        .keys()
        .filter(|name| name.starts_with("allow-"))
        .cloned()
        .collect();
    assert!(expected.len() >= 12, "build.rs lists the app's commands");
    expected.insert("core:event:allow-listen".to_owned());
    expected.insert("core:event:allow-unlisten".to_owned());
    // The export screen's "Save as" dialog, and nothing else of the dialog plugin.
    expected.insert("dialog:allow-save".to_owned());
    assert_eq!(granted, expected);
}

/// The kiosk must not be escapable through the web inspector: Tauri builds dev tools into a
/// release only with its `devtools` feature (debug builds always have them), and a window
/// can ask for them in the config. Neither is allowed.
#[test]
fn dev_tools_are_not_built_into_release_builds() {
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let tauri_lines: Vec<&str> = manifest
        .lines()
        .filter(|l| l.trim_start().starts_with("tauri ="))
        .collect();
    assert!(!tauri_lines.is_empty(), "tauri is a dependency");
    for line in tauri_lines {
        assert!(
            !line.contains("devtools"),
            "tauri's devtools feature: {line}"
        );
    }
    let features = manifest
        .split("[features]")
        .nth(1)
        .map(|rest| rest.split("\n[").next().unwrap_or_default())
        .unwrap_or_default();
    assert!(
        !features.contains("devtools"),
        "no app feature turns dev tools on: {features}"
    );
    let config = read_json("tauri.conf.json");
    for window in config["app"]["windows"].as_array().expect("windows") {
        assert_ne!(window["devtools"], Value::Bool(true), "{window}");
    }
}
