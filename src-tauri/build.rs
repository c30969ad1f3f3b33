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
    "duplicate_pairs",
    "member_duplicates",
    "details_duplicates",
    "dismiss_duplicate",
    "merge_members",
    "undo_merge",
    "membership_history",
    "approve_membership",
    "renew_membership",
    "lapse_membership",
    "record_leaving",
    "rejoin_membership",
    "change_member_type",
    "membership_settings",
    "update_membership_settings",
    "indicator_reviews",
    "review_indicator",
    "list_grants",
    "create_grant",
    "mark_grant_part_done",
    "add_budget_line",
    "record_spend",
    "spend_log",
    "evidence_pack",
    "save_evidence_figures",
    "list_organisations",
    "get_organisation",
    "create_organisation",
    "update_organisation",
    "remove_organisation",
    "record_group_enquiry",
    "record_affiliation_step",
    "affiliation_terms",
    "add_affiliation_terms",
    "affiliation_settings",
    "update_affiliation_settings",
    "add_group_contact",
    "remove_group_contact",
    "co_opt_leader",
    "end_co_option",
    "steering_group",
    "group_renewals",
    "group_reach",
    "list_activities",
    "get_activity",
    "create_activity",
    "record_meeting_attended",
    "update_activity",
    "delete_activity",
    "add_activity_document",
    "save_activity_document",
    "remove_activity_document",
    "list_bodies",
    "save_body",
    "archive_body",
    "list_seats",
    "add_seat",
    "end_seat",
    "record_body_meeting",
    "list_body_meetings",
    "body_attendance",
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
