//! The ForumDesk desktop shell: a window around the `forumdesk` core. Commands are thin; the
//! rules live in the core.

mod auto_lock;
mod commands;
#[cfg(target_os = "linux")]
pub mod os_lock;
pub mod state;

use std::process::ExitCode;

use tauri::{AppHandle, Builder, Manager, Runtime};

pub use state::AppState;

/// Everything the real app and the command tests share: state, the auto-lock task and the
/// commands. Plugins that need a desktop session (D-Bus, window geometry) are added in [`run`].
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .manage(state)
        .setup(|app| {
            auto_lock::spawn(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::setup::app_status,
            commands::setup::setup_forum,
            commands::session::unlock,
            commands::session::unlock_with_recovery_key,
            commands::session::lock,
            commands::session::report_activity,
            commands::users::list_users,
            commands::users::add_user,
            commands::users::disable_user,
            commands::users::reset_user_password,
            commands::users::change_own_password,
            commands::settings::update_settings,
            commands::members::search_members,
            commands::members::get_member,
            commands::members::create_member,
            commands::members::update_member,
            commands::members::consent_purposes,
            commands::members::consent_history,
            commands::members::record_consent,
            commands::members::save_child,
            commands::members::remove_child,
            commands::members::save_equality,
            commands::areas::list_areas,
            commands::areas::save_area,
            commands::import::import_members,
            commands::export::export_members,
        ])
}

pub fn run() -> ExitCode {
    // Single-instance first: a second launch must hand over before anything else starts, or two
    // processes would hold the same encrypted database open.
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(focus_main_window))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // Only the save dialog is granted (capabilities/default.json): the export screen asks
        // where to write the mailing list; the file itself is written by `export_members`.
        .plugin(tauri_plugin_dialog::init());
    let state = AppState::new(forumdesk::paths::default_db_path());
    match configure(builder, state).run(context()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ForumDesk could not start: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The app's config, capabilities and embedded UI; the command tests use it too, so they run
/// under the real permissions.
// The macro's expansion calls `std::process::exit` on its own error paths (clippy.toml bans it
// in our code); the allowance is kept to this one line of generated code.
#[allow(clippy::disallowed_methods)]
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

fn focus_main_window<R: Runtime>(app: &AppHandle<R>, _args: Vec<String>, _cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        // Best effort: if the window manager refuses, the user still has the first window.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
