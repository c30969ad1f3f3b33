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
            commands::duplicates::duplicate_pairs,
            commands::duplicates::member_duplicates,
            commands::duplicates::details_duplicates,
            commands::duplicates::dismiss_duplicate,
            commands::duplicates::merge_members,
            commands::duplicates::undo_merge,
            commands::membership::membership_history,
            commands::membership::approve_membership,
            commands::membership::renew_membership,
            commands::membership::lapse_membership,
            commands::membership::record_leaving,
            commands::membership::rejoin_membership,
            commands::membership::change_member_type,
            commands::membership::membership_settings,
            commands::membership::update_membership_settings,
            commands::indicators::indicator_reviews,
            commands::indicators::review_indicator,
            commands::grants::list_grants,
            commands::grants::create_grant,
            commands::grants::mark_grant_part_done,
            commands::grants::add_budget_line,
            commands::grants::record_spend,
            commands::grants::spend_log,
            commands::report::evidence_pack,
            commands::report::save_evidence_figures,
            commands::report::save_evidence_docx,
            commands::groups::list_organisations,
            commands::groups::get_organisation,
            commands::groups::create_organisation,
            commands::groups::update_organisation,
            commands::groups::remove_organisation,
            commands::groups::record_group_enquiry,
            commands::groups::record_affiliation_step,
            commands::groups::affiliation_terms,
            commands::groups::add_affiliation_terms,
            commands::groups::affiliation_settings,
            commands::groups::update_affiliation_settings,
            commands::groups::add_group_contact,
            commands::groups::remove_group_contact,
            commands::groups::co_opt_leader,
            commands::groups::end_co_option,
            commands::groups::steering_group,
            commands::groups::group_renewals,
            commands::groups::group_reach,
            commands::activities::list_activities,
            commands::activities::get_activity,
            commands::activities::create_activity,
            commands::activities::record_meeting_attended,
            commands::activities::update_activity,
            commands::activities::delete_activity,
            commands::activities::add_activity_document,
            commands::activities::save_activity_document,
            commands::activities::remove_activity_document,
            commands::representation::list_bodies,
            commands::representation::save_body,
            commands::representation::archive_body,
            commands::representation::list_seats,
            commands::representation::add_seat,
            commands::representation::end_seat,
            commands::representation::record_body_meeting,
            commands::representation::list_body_meetings,
            commands::representation::body_attendance,
            // GDPR: subject access requests
            commands::gdpr_requests::list_data_requests,
            commands::gdpr_requests::data_requests_due,
            commands::gdpr_requests::record_data_request,
            commands::gdpr_requests::data_request_identity_checked,
            commands::gdpr_requests::extend_data_request,
            commands::gdpr_requests::pause_data_request,
            commands::gdpr_requests::resume_data_request,
            commands::gdpr_requests::close_data_request,
            commands::gdpr_requests::export_subject_access,
            // GDPR: erasure and retention
            commands::erasure::erase_person,
            commands::retention::retention_queue,
            commands::retention::retention_queue_count,
            commands::retention::apply_retention,
            commands::retention::keep_retention,
            commands::retention::retention_settings,
            commands::retention::update_retention_settings,
            // GDPR: audit viewer, breaches, record of processing
            commands::audit::list_audit,
            commands::audit::audit_users,
            commands::audit::audit_actions,
            commands::audit::verify_audit,
            commands::audit::save_audit_export,
            commands::breaches::list_breaches,
            commands::breaches::record_breach,
            commands::breaches::update_breach,
            commands::breaches::breach_deadlines,
            commands::ropa::processing_documents,
            commands::ropa::save_processing_document,
            // Drives: drives and kiosk
            commands::drives::list_drives,
            commands::drives::get_drive,
            commands::drives::create_drive,
            commands::drives::update_drive,
            commands::drives::drive_results,
            commands::drives::drive_volunteer_choices,
            commands::drives::pending_signups,
            commands::drives::accept_signup,
            commands::drives::merge_signup,
            commands::drives::discard_signup,
            commands::kiosk::start_kiosk,
            commands::kiosk::leave_kiosk,
            commands::kiosk::kiosk_form,
            commands::kiosk::submit_kiosk_signup,
            // Drives: reach and packs
            commands::reach::population_figures,
            commands::reach::save_population_cell,
            commands::reach::remove_population_cell,
            commands::reach::set_population_source,
            commands::reach::import_population,
            commands::reach::reach_gap,
            commands::reach::save_reach_gap,
            commands::packs::export_transfer_pack,
            commands::packs::import_transfer_pack,
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
