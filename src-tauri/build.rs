// Every command must be listed here: tauri-build then generates an `allow-<command>` permission
// for each, and capabilities/default.json grants exactly those. A command missing from this list
// cannot be granted, so the UI would get a permission error instead of silently gaining access.
const COMMANDS: &[&str] = &[
    "app_status",
    "setup_forum",
    "unlock",
    "unlock_with_recovery_key",
    "lock",
    "report_activity",
    "list_users",
    "add_user",
    "disable_user",
    "reset_user_password",
    "change_own_password",
    "update_settings",
    "search_members",
    "get_member",
    "create_member",
    "update_member",
    "consent_purposes",
    "consent_history",
    "record_consent",
    "save_child",
    "remove_child",
    "save_equality",
    "list_areas",
    "save_area",
    "import_members",
    "export_members",
];

fn main() {
    // The built UI is embedded at compile time (tauri.conf.json build.frontendDist), even for
    // clippy and tests. Say how to get it rather than let the context macro panic obscurely.
    if !std::path::Path::new("../ui/dist/index.html").is_file() {
        panic!(
            "ui/dist is missing: build the UI first with `npm ci && npm run build` in ui/ \
             (`cargo xtask run` and `cargo xtask test` do this for you)"
        );
    }
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
