//! The command layer through Tauri's real IPC path (mock runtime, real capabilities): what
//! the UI sends, what it gets back, and that errors arrive as `{kind, message, fields}` data.

use forumdesk_app::{configure, context, AppState};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use tempfile::TempDir;

const PASSWORD: &str = "correct horse battery staple 42";

struct TestApp {
    // Field order matters: the window and app go before the directory holding the database.
    window: WebviewWindow<tauri::test::MockRuntime>,
    _app: App<tauri::test::MockRuntime>,
    dir: TempDir,
}

impl TestApp {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::new(dir.path().join("forum.db"));
        // The real context: the capability file and the generated permissions are under test too.
        let app = configure(mock_builder(), state)
            .build(context())
            .expect("app builds");
        let window = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
            .build()
            .expect("main window");
        Self {
            window,
            _app: app,
            dir,
        }
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_from(cmd, args, "tauri://localhost")
    }

    fn invoke_from(&self, cmd: &str, args: Value, origin: &str) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().expect("origin url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_owned(),
        };
        get_ipc_response(&self.window, request)
            .map(|body| body.deserialize::<Value>().expect("a JSON response"))
    }

    /// Sends `bytes` as the raw IPC body, as `invoke(cmd, Uint8Array, { headers })` does.
    fn invoke_raw(
        &self,
        cmd: &str,
        bytes: &[u8],
        headers: &[(&str, &str)],
    ) -> Result<Value, Value> {
        let mut map = tauri::http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(
                tauri::http::HeaderName::from_bytes(name.as_bytes()).expect("header name"),
                tauri::http::HeaderValue::from_str(value).expect("header value"),
            );
        }
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("origin url"),
            body: InvokeBody::Raw(bytes.to_vec()),
            headers: map,
            invoke_key: INVOKE_KEY.to_owned(),
        };
        get_ipc_response(&self.window, request)
            .map(|body| body.deserialize::<Value>().expect("a JSON response"))
    }

    fn set_up(&self) -> Value {
        self.invoke(
            "setup_forum",
            json!({ "input": {
                "forumName": "Northshire Parent Carer Forum",
                "adminUsername": "sam",
                "adminDisplayName": "Sam Chair",
                "password": PASSWORD,
                "passwordConfirm": PASSWORD,
            }}),
        )
        .expect("set-up succeeds")
    }
}

fn kind(error: &Value) -> &str {
    error["kind"].as_str().unwrap_or_default()
}

#[test]
fn a_new_database_needs_setup() {
    let app = TestApp::new();
    let status = app.invoke("app_status", json!({})).expect("status");
    assert_eq!(status, json!({ "state": "needs_setup", "session": null }));
    assert!(
        !app.dir.path().join("forum.db").exists(),
        "asking must not create the file"
    );
}

#[test]
fn setup_signs_the_admin_in_and_returns_the_recovery_key_once() {
    let app = TestApp::new();
    let result = app.set_up();
    assert!(result["recoveryKey"]
        .as_str()
        .is_some_and(|k| k.len() >= 20));
    assert_eq!(result["session"]["username"], "sam");
    assert_eq!(result["session"]["role"], "admin");

    let status = app.invoke("app_status", json!({})).expect("status");
    assert_eq!(status["state"], "unlocked");
    assert_eq!(
        status["session"]["forumName"],
        "Northshire Parent Carer Forum"
    );
    assert!(status.get("recoveryKey").is_none());

    let users = app.invoke("list_users", json!({})).expect("users");
    let users = users.as_array().expect("a list");
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["displayName"], "Sam Chair");
}

#[test]
fn commands_needing_a_session_answer_locked_without_one() {
    let app = TestApp::new();
    for cmd in [
        "list_users",
        "update_settings",
        "search_members",
        "list_areas",
        "group_reach",
        "group_renewals",
    ] {
        let args = match cmd {
            "update_settings" => json!({ "input": { "idleLockMinutes": 10 } }),
            "search_members" => json!({ "query": { "text": "jo" } }),
            _ => json!({}),
        };
        let error = app.invoke(cmd, args).expect_err("no session");
        assert_eq!(kind(&error), "locked", "{cmd}: {error}");
    }
}

#[test]
fn lock_then_unlock_with_the_password() {
    let app = TestApp::new();
    app.set_up();
    app.invoke("lock", json!({})).expect("lock");
    assert_eq!(
        app.invoke("app_status", json!({})).expect("status")["state"],
        "locked"
    );
    let error = app.invoke("list_users", json!({})).expect_err("locked");
    assert_eq!(kind(&error), "locked");
    app.invoke("lock", json!({}))
        .expect("locking twice is fine");

    let wrong = json!({ "input": { "username": "sam", "password": "not it at all" } });
    let error = app.invoke("unlock", wrong).expect_err("wrong password");
    assert_eq!(kind(&error), "forbidden");

    let right = json!({ "input": { "username": "sam", "password": PASSWORD } });
    let info = app.invoke("unlock", right).expect("unlock");
    assert_eq!(info["username"], "sam");
    assert_eq!(
        app.invoke("list_users", json!({}))
            .expect("users")
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn a_validation_error_crosses_ipc_as_data_with_field_messages() {
    let app = TestApp::new();
    let error = app
        .invoke(
            "setup_forum",
            json!({ "input": {
                "forumName": "",
                "adminUsername": "sam",
                "adminDisplayName": "Sam Chair",
                "password": PASSWORD,
                "passwordConfirm": "something else entirely",
            }}),
        )
        .expect_err("invalid input");
    assert_eq!(kind(&error), "validation");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    let fields = error["fields"].as_object().expect("fields is an object");
    assert!(fields.contains_key("forumName"), "{error}");
    assert!(fields.contains_key("passwordConfirm"), "{error}");
    assert!(
        !app.dir.path().join("forum.db").exists(),
        "a refused set-up writes nothing"
    );
}

#[test]
fn adding_a_user_and_the_settings_round_trip() {
    let app = TestApp::new();
    app.set_up();
    let added = app
        .invoke(
            "add_user",
            json!({ "input": {
                "username": "alex",
                "displayName": "Alex Volunteer",
                "role": "volunteer",
                "password": PASSWORD,
                "passwordConfirm": PASSWORD,
            }}),
        )
        .expect("user added");
    assert_eq!(added["role"], "volunteer");

    let disabled = app
        .invoke("disable_user", json!({ "userId": added["id"] }))
        .expect("user disabled");
    assert_eq!(disabled["disabled"], true);

    let info = app
        .invoke(
            "update_settings",
            json!({ "input": { "idleLockMinutes": 20 } }),
        )
        .expect("settings saved");
    assert_eq!(info["idleLockMinutes"], 20);
}

#[test]
fn a_page_from_elsewhere_cannot_call_commands() {
    let app = TestApp::new();
    let refused = app.invoke_from("app_status", json!({}), "https://example.com");
    assert!(
        refused.is_err(),
        "a remote origin must not reach the commands: {refused:?}"
    );
}

fn add_member(app: &TestApp, first: &str, postcode: &str) -> Value {
    app.invoke(
        "create_member",
        json!({
            "details": {
                "firstName": first,
                "lastName": "Nowak",
                "postcode": postcode,
                "memberType": "parent_carer",
                "areaId": null,
            },
            "start": { "status": "active", "joinedOn": null },
        }),
    )
    .expect("member created")
}

#[test]
fn a_member_is_placed_in_an_area_by_postcode_and_found_by_search() {
    let app = TestApp::new();
    app.set_up();
    let area = app
        .invoke(
            "save_area",
            json!({ "areaId": null, "input": { "name": "Preston", "districts": "pr1, PR2" } }),
        )
        .expect("area saved");
    assert_eq!(area["districts"], json!(["PR1", "PR2"]));
    let areas = app.invoke("list_areas", json!({})).expect("areas");
    assert_eq!(areas.as_array().map(Vec::len), Some(1));

    let member = add_member(&app, "Zoë", "pr1 2he");
    assert_eq!(member["postcode"], "PR1 2HE");
    assert_eq!(member["areaName"], "Preston");
    assert_eq!(member["membership"]["status"], "active");

    let page = app
        .invoke(
            "search_members",
            json!({ "query": { "text": "zoe", "page": 1, "pageSize": 20 } }),
        )
        .expect("search");
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["members"][0]["id"], member["id"]);

    let fetched = app
        .invoke("get_member", json!({ "personId": member["id"] }))
        .expect("member");
    assert_eq!(fetched["firstName"], "Zoë");
    assert!(
        fetched["special"].is_object(),
        "an admin sees the special category"
    );
}

#[test]
fn member_form_errors_cross_ipc_with_field_names_the_form_uses() {
    let app = TestApp::new();
    app.set_up();
    let error = app
        .invoke(
            "create_member",
            json!({
                "details": { "firstName": "", "lastName": "Nowak", "email": "not an email",
                             "memberType": null, "areaId": null },
                "start": { "status": "active", "joinedOn": null },
            }),
        )
        .expect_err("invalid member");
    assert_eq!(kind(&error), "validation");
    let fields = error["fields"].as_object().expect("fields is an object");
    for field in ["firstName", "email", "memberType"] {
        assert!(fields.contains_key(field), "{field} missing: {error}");
    }

    let error = app
        .invoke(
            "save_area",
            json!({ "areaId": null, "input": { "name": "Preston", "districts": "PR1 nonsense" } }),
        )
        .expect_err("invalid district");
    assert!(error["fields"]["districts"].is_string(), "{error}");
}

#[test]
fn withdrawing_special_category_consent_needs_confirmation_when_children_are_held() {
    let app = TestApp::new();
    app.set_up();
    let member = add_member(&app, "Zoë", "PR1 2HE");
    let person = &member["id"];
    let consent = |given: bool, confirm: bool| {
        app.invoke(
            "record_consent",
            json!({ "personId": person, "input": {
                "purposeId": "special_category", "given": given, "method": "paper",
                "confirmDeletion": confirm,
            }}),
        )
    };
    consent(true, false).expect("consent given");
    let saved = app
        .invoke(
            "save_child",
            json!({ "personId": person, "childId": null, "input": {
                "yearOfBirth": null, "ageBand": "5-10", "primaryNeed": "ASD",
                "secondaryNeeds": ["SLCN"], "provision": "ehcp", "schoolPhase": "primary",
                "settingType": "mainstream", "localAuthority": "Lancashire",
            }}),
        )
        .expect("child saved");
    assert_eq!(saved["special"]["children"][0]["primaryNeed"], "ASD");

    let error = consent(false, false).expect_err("needs confirmation");
    assert_eq!(kind(&error), "conflict");
    let after = consent(false, true).expect("withdrawn");
    assert_eq!(after["special"]["children"], json!([]));

    let history = app
        .invoke("consent_history", json!({ "personId": person }))
        .expect("history");
    assert_eq!(history.as_array().map(Vec::len), Some(2));
    assert_eq!(history[0]["given"], false);
}

const IMPORT_CSV: &str = "First name,Surname,Email,Post Code\n\
Ann,Nowak,ann@example.org,PR1 2AB\n\
Bob,Nowak,not-an-email,PR1 2AB\n\
Ann,Nowak,ann@example.org,PR1 2AB\n";

fn import_options(dry_run: bool) -> String {
    let options =
        json!({"mapping": null, "dryRun": dry_run, "allOrNothing": false, "duplicates": "skip"});
    // What encodeURIComponent does to the JSON: header values must be ASCII.
    let mut encoded = String::new();
    for byte in options.to_string().bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[test]
fn importing_members_takes_the_file_as_a_raw_body_and_reports_each_problem() {
    let app = TestApp::new();
    app.set_up();
    let options = import_options(true);
    let headers = [
        ("x-file-name", "members%20list%20%C3%A9t%C3%A9.csv"),
        ("x-import-options", options.as_str()),
    ];
    let preview = app
        .invoke_raw("import_members", IMPORT_CSV.as_bytes(), &headers)
        .expect("a dry run");
    assert_eq!(preview["rows"], 3);
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["headers"][1], "Surname");
    assert_eq!(preview["mapping"][1], "last_name");
    let problems = preview["problems"].as_array().expect("problems");
    assert!(
        problems.iter().any(|p| p["row"] == 3),
        "the bad e-mail on spreadsheet row 3 is reported: {problems:?}"
    );
    let page = app
        .invoke("search_members", json!({"query": {"text": "", "status": null, "areaId": null, "memberType": null, "consent": null, "need": null, "provision": null, "sort": "name", "page": 1, "pageSize": 25}}))
        .expect("search");
    assert_eq!(page["total"], 0, "a dry run changes nothing");

    let options = import_options(false);
    let headers = [
        ("x-file-name", "members.csv"),
        ("x-import-options", options.as_str()),
    ];
    let report = app
        .invoke_raw("import_members", IMPORT_CSV.as_bytes(), &headers)
        .expect("an import");
    assert_eq!(report["applied"], true);
    assert_eq!(report["created"], 1);
    assert_eq!(report["duplicates"], 1);
    assert_eq!(report["rejected"], 1);
}

/// The wizard's progress bar listens for these on the main window.
#[test]
fn an_import_sends_its_progress_to_the_main_window() {
    use tauri::Listener;
    let app = TestApp::new();
    app.set_up();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&seen);
    app.window.listen("import-progress", move |event| {
        let payload: Value = serde_json::from_str(event.payload()).expect("JSON progress");
        sink.lock().expect("progress list").push(payload);
    });
    let options = import_options(false);
    let headers = [
        ("x-file-name", "members.csv"),
        ("x-import-options", options.as_str()),
    ];
    app.invoke_raw("import_members", IMPORT_CSV.as_bytes(), &headers)
        .expect("an import");
    let seen = seen.lock().expect("progress list").clone();
    assert_eq!(
        seen,
        [
            json!({"rowsDone": 0, "rowsTotal": 3, "dryRun": false}),
            json!({"rowsDone": 3, "rowsTotal": 3, "dryRun": false}),
        ]
    );
}

#[test]
fn an_import_without_its_headers_or_as_json_is_refused_as_data() {
    let app = TestApp::new();
    app.set_up();
    let error = app
        .invoke_raw("import_members", IMPORT_CSV.as_bytes(), &[])
        .expect_err("no headers");
    assert_eq!(kind(&error), "validation");
    let error = app
        .invoke("import_members", json!({"bytes": [1, 2, 3]}))
        .expect_err("not raw");
    assert_eq!(kind(&error), "validation");
}

#[test]
fn exporting_a_mailing_list_writes_the_file_and_returns_the_counts_without_bytes() {
    let app = TestApp::new();
    app.set_up();
    let with_email = app
        .invoke(
            "create_member",
            json!({
                "details": {"firstName": "Ann", "lastName": "Nowak", "email": "ann@example.org", "memberType": "parent_carer", "areaId": null},
                "start": {"status": "active", "joinedOn": null},
            }),
        )
        .expect("member created");
    let without_email = add_member(&app, "Bob", "PR1 2AB");
    for member in [with_email, without_email] {
        app.invoke(
            "record_consent",
            json!({"personId": member["id"], "input": {"purposeId": "email_news", "given": true, "method": "paper", "confirmDeletion": false}}),
        )
        .expect("consent recorded");
    }

    let path = app.dir.path().join("news.csv");
    let file = app
        .invoke(
            "export_members",
            json!({"input": {"purpose": "email_news", "format": "csv", "includeSpecial": false}, "path": path.to_str().expect("utf-8 path")}),
        )
        .expect("an export");
    assert_eq!(file["rows"], 1);
    assert_eq!(
        file["missingContact"], 1,
        "Bob agreed to e-mail but has no address"
    );
    assert!(file["fileName"]
        .as_str()
        .is_some_and(|n| n.ends_with(".csv")));
    assert!(
        file.get("bytes").is_none(),
        "the file's contents never cross IPC"
    );
    let written = std::fs::read_to_string(&path).expect("the file was written");
    assert!(written.contains("ann@example.org"), "{written}");
    assert!(!written.contains("Bob"), "{written}");
}

fn add_person(app: &TestApp, first: &str, last: &str, phone: &str, town: &str) -> Value {
    app.invoke(
        "create_member",
        json!({
            "details": {"firstName": first, "lastName": last, "phone": phone, "town": town,
                        "memberType": "parent_carer", "areaId": null},
            "start": {"status": "active", "joinedOn": null},
        }),
    )
    .expect("member created")
}

#[test]
fn duplicates_are_listed_merged_with_the_picked_fields_and_the_merge_undone() {
    let app = TestApp::new();
    app.set_up();
    let keep = add_person(&app, "Katherine", "Jones", "07700 900123", "Preston");
    let other = add_person(&app, "Katharine", "Jones", "+44 7700 900123", "Chorley");

    let pairs = app
        .invoke("duplicate_pairs", json!({"limit": 50}))
        .expect("pairs");
    assert_eq!(pairs.as_array().map(Vec::len), Some(1), "{pairs}");
    assert_eq!(pairs[0]["reason"], "same phone number and a similar name");
    let found = app
        .invoke("member_duplicates", json!({"personId": keep["id"]}))
        .expect("matches");
    assert_eq!(found[0]["personId"], other["id"], "{found}");

    // The add form asks before saving; the record being edited is left out.
    let typed = json!({"firstName": "Kathrine", "lastName": "Jones", "phone": "07700900123",
                       "memberType": null, "areaId": null});
    let before = app
        .invoke(
            "details_duplicates",
            json!({"details": typed, "excludeId": null}),
        )
        .expect("matches for the form");
    assert_eq!(before.as_array().map(Vec::len), Some(2), "{before}");
    let editing = app
        .invoke(
            "details_duplicates",
            json!({"details": typed, "excludeId": keep["id"]}),
        )
        .expect("matches for the edit form");
    assert_eq!(editing.as_array().map(Vec::len), Some(1), "{editing}");

    let outcome = app
        .invoke(
            "merge_members",
            json!({"input": {"keepId": keep["id"], "mergeId": other["id"],
                             "picks": {"firstName": "merge", "town": "keep"}}}),
        )
        .expect("merged");
    assert_eq!(outcome["member"]["id"], keep["id"]);
    assert_eq!(outcome["member"]["firstName"], "Katharine");
    assert_eq!(outcome["member"]["town"], "Preston");
    let gone = app
        .invoke("get_member", json!({"personId": other["id"]}))
        .expect_err("the other record is deleted");
    assert_eq!(kind(&gone), "not_found");

    let restored = app
        .invoke("undo_merge", json!({"mergeId": outcome["mergeId"]}))
        .expect("undone");
    assert_eq!(restored["firstName"], "Katherine");
    let back = app
        .invoke("get_member", json!({"personId": other["id"]}))
        .expect("the other record is back");
    assert_eq!(back["town"], "Chorley");
    let again = app
        .invoke("undo_merge", json!({"mergeId": outcome["mergeId"]}))
        .expect_err("only once");
    assert_eq!(kind(&again), "conflict");

    app.invoke(
        "dismiss_duplicate",
        json!({"a": other["id"], "b": keep["id"]}),
    )
    .expect("dismissed");
    let pairs = app
        .invoke("duplicate_pairs", json!({"limit": 50}))
        .expect("pairs");
    assert_eq!(pairs, json!([]));
    let found = app
        .invoke("member_duplicates", json!({"personId": keep["id"]}))
        .expect("matches");
    assert_eq!(found, json!([]));
}

#[test]
fn merge_mistakes_cross_ipc_as_field_errors() {
    let app = TestApp::new();
    app.set_up();
    let member = add_person(&app, "Katherine", "Jones", "07700 900123", "Preston");
    let error = app
        .invoke(
            "merge_members",
            json!({"input": {"keepId": member["id"], "mergeId": member["id"], "picks": {}}}),
        )
        .expect_err("a record with itself");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["mergeId"].is_string(), "{error}");
    let error = app
        .invoke(
            "details_duplicates",
            json!({"details": {"firstName": "", "lastName": "Jones", "email": "nope",
                               "memberType": null, "areaId": null}, "excludeId": null}),
        )
        .expect_err("the form's own checks apply");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["email"].is_string(), "{error}");
}

#[test]
fn unlocking_lapses_overdue_memberships_and_leaving_and_rejoining_round_trip() {
    let app = TestApp::new();
    app.set_up();
    let overdue = app
        .invoke(
            "create_member",
            json!({
                "details": { "firstName": "Ola", "lastName": "Nowak", "memberType": "parent_carer" },
                "start": { "status": "active", "joinedOn": "2020-01-15" },
            }),
        )
        .expect("member created");
    let id = overdue["id"].clone();
    assert_eq!(overdue["membership"]["status"], "renewal_due");

    app.invoke("lock", json!({})).expect("lock");
    let right = json!({ "input": { "username": "sam", "password": PASSWORD } });
    app.invoke("unlock", right).expect("unlock");
    let record = app
        .invoke("get_member", json!({ "personId": id }))
        .expect("member");
    assert_eq!(record["membership"]["status"], "lapsed");
    let history = app
        .invoke("membership_history", json!({ "personId": id }))
        .expect("history");
    assert_eq!(history[0]["kind"], "lapsed");
    assert_eq!(history[0]["recordedBy"], Value::Null);

    let error = app
        .invoke(
            "record_leaving",
            json!({ "personId": id, "input": { "onDate": "", "reason": "" } }),
        )
        .expect_err("no reason");
    assert_eq!(kind(&error), "validation");
    assert_eq!(error["fields"]["reason"], "Enter the reason they left");
    let left = app
        .invoke(
            "record_leaving",
            json!({ "personId": id, "input": { "onDate": "", "reason": "Moved away" } }),
        )
        .expect("left");
    assert_eq!(left["membership"]["leavingReason"], "Moved away");
    let rejoined = app
        .invoke("rejoin_membership", json!({ "personId": id, "input": {} }))
        .expect("rejoined");
    assert_eq!(rejoined["membership"]["status"], "active");
    let error = app
        .invoke("rejoin_membership", json!({ "personId": id, "input": {} }))
        .expect_err("already active");
    assert_eq!(kind(&error), "conflict");
    let settings = app
        .invoke(
            "update_membership_settings",
            json!({ "input": { "renewalMonths": 24, "lapseAfterDays": 0 } }),
        )
        .expect("settings");
    assert_eq!(settings["renewalMonths"], 24);
    assert_eq!(
        app.invoke("membership_settings", json!({})).expect("read")["lapseAfterDays"],
        0
    );
}

fn group_input(name: &str, area_id: &Value) -> Value {
    json!({
        "name": name,
        "kind": "parent_group",
        "areaIds": [area_id],
        "allNeeds": true,
        "needs": [],
        "meets": "both",
        "website": "www.sunflowers.org.uk",
        "publicEmail": "",
        "publicPhone": "",
        "familiesReached": "about 120",
        "familiesEstimatedOn": "2026-01-10",
        "notes": "",
    })
}

#[test]
fn a_group_enquiry_goes_through_approval_and_renewal_over_ipc() {
    let app = TestApp::new();
    app.set_up();
    let area = app
        .invoke(
            "save_area",
            json!({ "areaId": null, "input": { "name": "Preston", "districts": "PR1" } }),
        )
        .expect("area saved");
    let group = app
        .invoke(
            "record_group_enquiry",
            json!({
                "organisation": group_input("Sunflowers", &area["id"]),
                "input": { "onDate": "2026-02-01", "note": "Phoned the office" },
            }),
        )
        .expect("enquiry recorded");
    let org_id = group["id"].clone();
    assert_eq!(group["affiliation"]["status"], "enquiry");
    assert_eq!(group["website"], "https://www.sunflowers.org.uk");
    assert_eq!(group["familiesReached"], 120);
    assert_eq!(group["timeline"][0]["recordedBy"], "Sam Chair");

    let step = |step: &str, on: &str, note: &str| {
        app.invoke(
            "record_affiliation_step",
            json!({ "orgId": org_id, "step": step, "input": { "onDate": on, "note": note } }),
        )
    };
    let applied = step("applied", "2026-02-10", "").expect("application");
    assert_eq!(applied["affiliation"]["termsVersion"], 1);
    let approved = step(
        "approved",
        "2026-03-12",
        "Steering group 12/03/2026, minute 4",
    )
    .expect("approved");
    assert_eq!(approved["affiliation"]["status"], "affiliated");
    assert_eq!(approved["affiliation"]["approvedOn"], "2026-03-12");
    let due = approved["affiliation"]["renewalDueOn"].clone();
    assert_eq!(due, "2027-03-12");
    let error = step("renewed", "2026-03-01", "").expect_err("before approval");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["onDate"].is_string(), "{error}");
    let renewed = step("renewed", "2026-03-20", "").expect("renewed early");
    assert_eq!(renewed["affiliation"]["renewalDueOn"], "2028-03-12");
    assert_eq!(renewed["timeline"].as_array().map(Vec::len), Some(4));

    let list = app
        .invoke(
            "list_organisations",
            json!({ "filter": { "status": "affiliated", "areaId": area["id"] } }),
        )
        .expect("list");
    assert_eq!(list[0]["name"], "Sunflowers");
    let reach = app.invoke("group_reach", json!({})).expect("reach");
    assert_eq!(reach["total"]["affiliatedGroups"], 1);
    assert_eq!(reach["total"]["familiesViaGroups"], 120);
    assert_eq!(reach["byArea"][0]["areaName"], "Preston");
    let renewals = app.invoke("group_renewals", json!({})).expect("renewals");
    assert_eq!(renewals["windowDays"], 60);

    let outcome = app
        .invoke("remove_organisation", json!({ "orgId": org_id }))
        .expect("removed");
    assert_eq!(outcome, "archived", "a group with history is kept");
}

#[test]
fn terms_versions_the_steering_group_and_partner_bodies_over_ipc() {
    let app = TestApp::new();
    app.set_up();
    let error = app
        .invoke("add_affiliation_terms", json!({ "text": "   " }))
        .expect_err("blank terms");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["text"].is_string(), "{error}");
    let v2 = app
        .invoke(
            "add_affiliation_terms",
            json!({ "text": "Groups share a yearly estimate of the families they reach." }),
        )
        .expect("published");
    assert_eq!(v2["version"], 2);
    let versions = app.invoke("affiliation_terms", json!({})).expect("terms");
    assert_eq!(versions[0]["version"], 2);
    assert_eq!(versions[1]["version"], 1);

    let area = app
        .invoke(
            "save_area",
            json!({ "areaId": null, "input": { "name": "Preston", "districts": "PR1" } }),
        )
        .expect("area saved");
    let mut council = group_input("Lancashire SEND Team", &area["id"]);
    council["kind"] = json!("local_authority");
    app.invoke("create_organisation", json!({ "input": council }))
        .expect("partner body");
    let group = app
        .invoke(
            "record_group_enquiry",
            json!({
                "organisation": group_input("Sunflowers", &area["id"]),
                "input": { "onDate": "", "note": "" },
            }),
        )
        .expect("enquiry recorded");
    let partners = app
        .invoke(
            "list_organisations",
            json!({ "filter": { "withoutAffiliation": true } }),
        )
        .expect("list");
    assert_eq!(partners.as_array().map(Vec::len), Some(1));
    assert_eq!(partners[0]["name"], "Lancashire SEND Team");

    assert_eq!(
        app.invoke("steering_group", json!({})).expect("none yet"),
        json!([])
    );
    let leader = add_member(&app, "Ada", "PR1 2AB");
    app.invoke(
        "co_opt_leader",
        json!({
            "orgId": group["id"],
            "input": { "personId": leader["id"], "fromOn": "", "untilOn": "", "note": "" },
        }),
    )
    .expect("co-opted");
    let serving = app.invoke("steering_group", json!({})).expect("serving");
    assert_eq!(serving[0]["firstName"], "Ada");
    assert_eq!(serving[0]["organisationName"], "Sunflowers");
}

#[test]
fn a_group_enquiry_with_mistakes_comes_back_as_field_errors() {
    let app = TestApp::new();
    app.set_up();
    let mut organisation = group_input("  ", &json!("no-such-area"));
    organisation["website"] = json!("javascript:alert(1)");
    let error = app
        .invoke(
            "record_group_enquiry",
            json!({ "organisation": organisation, "input": { "onDate": "2999-01-01", "note": "" } }),
        )
        .expect_err("mistakes");
    assert_eq!(kind(&error), "validation");
    assert!(error["message"].is_string(), "{error}");
    for field in ["name", "areaIds", "website", "onDate"] {
        assert!(error["fields"][field].is_string(), "{field}: {error}");
    }
    assert_eq!(error["fields"]["name"], "Enter the organisation's name");
    let none = app
        .invoke("list_organisations", json!({ "filter": {} }))
        .expect("list");
    assert_eq!(
        none,
        json!([]),
        "nothing is stored when the form has mistakes"
    );
}

#[test]
fn a_grant_year_an_indicator_review_and_the_evidence_figures_over_ipc() {
    let app = TestApp::new();
    app.set_up();
    let error = app
        .invoke(
            "create_grant",
            json!({"input": {"year": "2026", "amount": "17500", "tranches": [{"dueOn": "30/04/2026", "amount": "8000"}], "returns": [], "notes": ""}}),
        )
        .expect_err("tranches short of the grant");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["tranches"].is_string(), "{error}");

    let grant = app
        .invoke(
            "create_grant",
            json!({"input": {"year": "2026/27", "amount": "£17,500", "tranches": [{"dueOn": "30/04/2026", "amount": "17500"}], "returns": [{"title": "Year-end return", "dueOn": "30/04/2027"}], "notes": ""}}),
        )
        .expect("grant created");
    let grant = app
        .invoke(
            "mark_grant_part_done",
            json!({"partId": grant["tranches"][0]["id"], "onDate": "2026-05-01"}),
        )
        .expect("tranche received");
    assert_eq!(grant["tranches"][0]["receivedOn"], "2026-05-01");
    let grant = app
        .invoke(
            "add_budget_line",
            json!({"grantId": grant["id"], "input": {"name": "=Events", "planned": "2000"}}),
        )
        .expect("budget line");
    let line = grant["budget"][0]["id"].clone();
    let grant = app
        .invoke(
            "record_spend",
            json!({"input": {"budgetLineId": line, "spentOn": "2026-05-10", "amount": "250.50", "description": "Hall hire"}}),
        )
        .expect("spend recorded");
    assert_eq!(grant["spentPence"], 25_050);
    let log = app
        .invoke("spend_log", json!({"grantId": grant["id"]}))
        .expect("log");
    assert_eq!(log[0]["description"], "Hall hire");
    let listed = app.invoke("list_grants", json!({})).expect("list");
    assert_eq!(listed[0]["label"], "2026–27");

    let reviews = app
        .invoke("indicator_reviews", json!({"quarter": "2026-05-01"}))
        .expect("the quarter's indicators");
    let indicator = reviews[0]["indicatorId"].clone();
    let reviewed = app
        .invoke(
            "review_indicator",
            json!({"indicatorId": indicator, "input": {"quarter": "2026-05-01", "status": "met", "comment": "On track", "activityIds": [], "documentIds": []}}),
        )
        .expect("reviewed");
    assert_eq!(reviewed["status"], "met");
    let error = app
        .invoke(
            "review_indicator",
            json!({"indicatorId": indicator, "input": {"quarter": "2026-05-01", "status": null, "comment": ""}}),
        )
        .expect_err("no status");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["status"].is_string(), "{error}");

    let pack = app
        .invoke(
            "evidence_pack",
            json!({"from": "2026-04-01", "to": "2027-03-31"}),
        )
        .expect("the pack");
    assert_eq!(pack["spend"][0]["spentPence"], 25_050);
    let path = app.dir.path().join("figures.csv");
    let file = app
        .invoke(
            "save_evidence_figures",
            json!({"from": "2026-04-01", "to": "2027-03-31", "format": "csv", "path": path.to_str().expect("utf-8 path")}),
        )
        .expect("figures saved");
    assert!(file["rows"].as_u64().is_some_and(|rows| rows > 0), "{file}");
    assert!(file.get("bytes").is_none(), "the bytes never cross IPC");
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(
        written.starts_with("\u{feff}\"Section\",\"Figure\",\"Item\",\"Value\"\r\n"),
        "{written}"
    );
    assert!(
        written.contains("\"spend\",\"spent\",\"2026–27: =Events\",\"£250.50\""),
        "{written}"
    );
    let json_path = app.dir.path().join("figures.json");
    app.invoke(
        "save_evidence_figures",
        json!({"from": "2026-04-01", "to": "2027-03-31", "format": "json", "path": json_path.to_str().expect("utf-8 path")}),
    )
    .expect("JSON saved");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("written")).expect("JSON");
    assert_eq!(saved["spend"], pack["spend"]);
    let docx_path = app.dir.path().join("evidence.docx");
    let size = app
        .invoke(
            "save_evidence_docx",
            json!({"from": "2026-04-01", "to": "2027-03-31", "path": docx_path.to_str().expect("utf-8 path")}),
        )
        .expect("Word document saved");
    let written = std::fs::read(&docx_path).expect("written");
    assert_eq!(size.as_u64(), Some(written.len() as u64));
    assert!(written.starts_with(b"PK"), "a .docx is a zip archive");
}

#[test]
fn an_activity_keeps_its_document_and_saves_it_back_out_byte_for_byte() {
    let app = TestApp::new();
    app.set_up();
    let activity = app
        .invoke(
            "create_activity",
            json!({"input": {"title": "SEND Partnership Board", "kind": "board_meeting",
                "startsOn": "2026-05-12", "level": "strategic", "volunteerHours": "1:30",
                "youSaid": "Transport letters came late", "weDid": "Raised it at the board"}}),
        )
        .expect("created");
    assert_eq!(activity["volunteerMinutes"], 90);
    let id = activity["id"].as_str().expect("an id");
    let content = b"%PDF-1.4 minutes\x00\xff";
    let document = app
        .invoke_raw(
            "add_activity_document",
            content,
            &[
                ("x-activity-id", id),
                ("x-file-name", "minutes%20%C3%A9t%C3%A9.pdf"),
            ],
        )
        .expect("attached");
    assert_eq!(document["fileName"], "minutes été.pdf");
    assert_eq!(document["size"], content.len());
    let path = app.dir.path().join("copy.pdf");
    app.invoke(
        "save_activity_document",
        json!({"documentId": document["id"], "path": path.to_str().expect("utf-8 path")}),
    )
    .expect("saved");
    assert_eq!(std::fs::read(&path).expect("written"), content);
    let found = app
        .invoke(
            "list_activities",
            json!({"filter": {"kind": "board_meeting", "level": null, "rung": null,
                "organisationId": null, "from": "2026-04-01", "to": "2026-06-30", "text": "board"}}),
        )
        .expect("listed");
    assert_eq!(found[0]["id"], id);
    assert_eq!(found[0]["hasOutcome"], true);
    let bad = app
        .invoke(
            "create_activity",
            json!({"input": {"title": "", "startsOn": "31/02/2026"}}),
        )
        .expect_err("invalid");
    assert_eq!(kind(&bad), "validation");
    assert!(bad["fields"]["startsOn"].is_string(), "{bad}");
    app.invoke("delete_activity", json!({"activityId": id}))
        .expect("an admin may delete");
    let gone = app
        .invoke("get_activity", json!({"activityId": id}))
        .expect_err("deleted");
    assert_eq!(kind(&gone), "not_found");
}

#[test]
fn a_meeting_attended_is_an_activity_and_a_body_meeting_or_neither() {
    let app = TestApp::new();
    app.set_up();
    let added = app
        .invoke(
            "record_meeting_attended",
            json!({"input": {"bodyId": "send_partnership_board", "heldOn": "14/05/2026",
                "attendance": "attended"}}),
        )
        .expect("recorded");
    assert_eq!(added["title"], "SEND Partnership Board");
    assert_eq!(added["kind"], "board_meeting");
    let bad = app
        .invoke(
            "record_meeting_attended",
            json!({"input": {"bodyId": "send_partnership_board", "heldOn": "14/05/2026",
                "attendance": "attended", "papersReceivedOn": "15/05/2026"}}),
        )
        .expect_err("papers after the meeting");
    assert!(bad["fields"]["papersReceivedOn"].is_string(), "{bad}");
    let activities = app
        .invoke("list_activities", json!({"filter": {}}))
        .expect("list");
    assert_eq!(
        activities.as_array().expect("a list").len(),
        1,
        "{activities}"
    );
    let meetings = app
        .invoke(
            "list_body_meetings",
            json!({"from": "2026-04-01", "to": "2026-06-30"}),
        )
        .expect("meetings");
    assert_eq!(meetings.as_array().expect("a list").len(), 1, "{meetings}");
}

#[test]
fn a_body_meeting_counts_in_the_quarter_attendance() {
    let app = TestApp::new();
    app.set_up();
    let bodies = app.invoke("list_bodies", json!({})).expect("seeded bodies");
    let board = bodies
        .as_array()
        .expect("a list")
        .iter()
        .find(|b| b["name"] == "SEND Partnership Board")
        .expect("the board is seeded")["id"]
        .clone();
    let meeting = app
        .invoke(
            "record_body_meeting",
            json!({"input": {"bodyId": board, "heldOn": "2026-05-14", "attendance": "attended",
                "papersReceivedOn": "2026-05-11"}}),
        )
        .expect("recorded");
    assert_eq!(meeting["papersOnTime"], false, "3 working days is late");
    let rows = app
        .invoke(
            "body_attendance",
            json!({"from": "2026-04-01", "to": "2026-06-30"}),
        )
        .expect("attendance");
    let row = rows
        .as_array()
        .expect("a list")
        .iter()
        .find(|r| r["bodyId"] == board)
        .expect("the board's row")
        .clone();
    assert_eq!(row["meetings"], 1);
    assert_eq!(row["attendancePercent"], 100);
    let bad = app
        .invoke(
            "list_body_meetings",
            json!({"from": "April", "to": "2026-06-30"}),
        )
        .expect_err("not a date");
    assert_eq!(bad["fields"]["from"], "Enter a real date");
}

#[test]
fn a_data_request_is_logged_stepped_and_exported_over_ipc() {
    let app = TestApp::new();
    app.set_up();
    let member = add_member(&app, "Ola", "PR1 2HE");
    let request = app
        .invoke(
            "record_data_request",
            json!({ "input": { "kind": "access", "personId": member["id"] } }),
        )
        .expect("request logged");
    assert_eq!(request["status"], "open");
    assert_eq!(request["personName"], "Ola Nowak");
    let id = request["id"].clone();

    let error = app
        .invoke(
            "extend_data_request",
            json!({ "requestId": id, "input": { "months": 3, "reason": "" } }),
        )
        .expect_err("three months and no reason");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["months"].is_string() && error["fields"]["reason"].is_string());

    let paused = app
        .invoke(
            "pause_data_request",
            json!({ "requestId": id, "input": { "on": "", "reason": "Waiting for ID" } }),
        )
        .expect("clock stopped");
    assert_eq!(paused["paused"], true);
    let open = app
        .invoke(
            "list_data_requests",
            json!({ "filter": { "openOnly": true } }),
        )
        .expect("list");
    assert_eq!(open[0]["id"], id);
    let due = app.invoke("data_requests_due", json!({})).expect("due");
    assert_eq!(due, json!([]), "a new request is a month away");

    let out = tempfile::tempdir().expect("tempdir");
    let chosen = out.path().join("subject-access");
    let export = app
        .invoke(
            "export_subject_access",
            json!({ "personId": member["id"], "requestId": id, "path": chosen }),
        )
        .expect("exported");
    let folder = std::path::PathBuf::from(export["folder"].as_str().expect("folder"));
    assert_eq!(folder.parent(), Some(out.path()));
    assert!(folder.join("subject-access.html").is_file());
    assert!(folder.join("subject-access.json").is_file());
}

#[test]
fn the_audit_log_breaches_and_record_of_processing_over_ipc() {
    let app = TestApp::new();
    app.set_up();
    let member = add_member(&app, "Ola", "PR1 2HE");

    // The audit log, filtered by person; field errors come back as data.
    let page = app
        .invoke(
            "list_audit",
            json!({ "filter": { "personId": member["id"], "pageSize": 10 } }),
        )
        .expect("audit page");
    assert_eq!(page["entries"][0]["action"], "member.created");
    assert_eq!(page["entries"][0]["userName"], "Sam Chair");
    assert_eq!(page["nextBefore"], Value::Null);
    let error = app
        .invoke("list_audit", json!({ "filter": { "from": "31/02/2026" } }))
        .expect_err("not a date");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["from"].is_string());
    let users = app.invoke("audit_users", json!({})).expect("users");
    assert_eq!(users[0]["username"], "sam");
    let actions = app.invoke("audit_actions", json!({})).expect("actions");
    assert!(actions.as_array().is_some_and(|a| !a.is_empty()));
    let report = app.invoke("verify_audit", json!({})).expect("verify");
    assert_eq!(report["intact"], true);
    let csv = app.dir.path().join("audit.csv");
    let export = app
        .invoke(
            "save_audit_export",
            json!({ "filter": {}, "path": csv.to_str().expect("path") }),
        )
        .expect("export");
    assert!(export["entries"].as_u64().is_some_and(|n| n > 0));
    assert!(export.get("bytes").is_none(), "the bytes stay in the shell");
    let written = std::fs::read_to_string(&csv).expect("csv written");
    assert!(written.contains(member["id"].as_str().expect("id")));
    assert!(!written.contains("Nowak"));

    // A breach: refused when incomplete, recorded when complete, then on the countdown.
    let error = app
        .invoke("record_breach", json!({ "input": {} }))
        .expect_err("incomplete");
    assert_eq!(kind(&error), "validation");
    assert_eq!(error["fields"]["whatHappened"], "Describe what happened");
    let yesterday = (time::OffsetDateTime::now_utc() - time::Duration::days(1)).date();
    let mut input = json!({
        "happenedOn": yesterday.to_string(), "happenedTime": "09:00",
        "discoveredOn": yesterday.to_string(), "discoveredTime": "10:00",
        "whatHappened": "A laptop was left on a train",
        "dataAffected": "The forum database (encrypted)",
        "peopleAffected": "All members",
        "riskLevel": "risk", "riskAssessment": "Encrypted, but the password was taped to it",
        "reportable": true,
    });
    let breach = app
        .invoke("record_breach", json!({ "input": input }))
        .expect("recorded");
    assert_eq!(breach["status"], "open");
    let due = app
        .invoke("breach_deadlines", json!({}))
        .expect("deadlines");
    assert_eq!(due[0]["id"], breach["id"]);
    input["icoReference"] = json!("IC-1");
    let updated = app
        .invoke(
            "update_breach",
            json!({ "id": breach["id"], "input": input }),
        )
        .expect("updated");
    assert_eq!(updated["icoReference"], "IC-1");
    assert_eq!(
        app.invoke("list_breaches", json!({})).expect("list")[0]["id"],
        breach["id"]
    );

    // The record of processing, shown and saved.
    let docs = app
        .invoke("processing_documents", json!({}))
        .expect("documents");
    assert!(docs["recordMarkdown"]
        .as_str()
        .is_some_and(|m| m.contains("Record of processing activities — Northshire")));
    let html = app.dir.path().join("record.html");
    app.invoke(
        "save_processing_document",
        json!({ "document": "record", "format": "html", "path": html.to_str().expect("path") }),
    )
    .expect("saved");
    assert!(std::fs::read_to_string(&html)
        .expect("html")
        .starts_with("<!DOCTYPE html>"));
}

#[test]
fn the_kiosk_through_ipc_takes_sign_ups_and_nothing_else_until_a_password_ends_it() {
    let app = TestApp::new();
    app.set_up();
    let drive = app
        .invoke(
            "create_drive",
            json!({ "input": { "name": "Library stall", "startsOn": "14/11/2026", "cost": "60" } }),
        )
        .expect("drive");
    let info = app
        .invoke("start_kiosk", json!({ "driveId": drive["id"] }))
        .expect("kiosk starts");
    assert_eq!(info["role"], "kiosk");
    assert_eq!(info["kiosk"]["driveName"], "Library stall");

    // Everything else is refused in the core, as data.
    for (cmd, args) in [
        (
            "search_members",
            json!({ "query": { "text": "", "page": 1, "pageSize": 20 } }),
        ),
        ("list_drives", json!({})),
        ("list_users", json!({})),
        ("pending_signups", json!({ "driveId": null })),
        ("list_audit", json!({ "filter": {} })),
    ] {
        let error = app.invoke(cmd, args).expect_err(cmd);
        assert_eq!(kind(&error), "forbidden", "{cmd}: {error}");
    }
    // A reload asks for the app's state: it is still the kiosk.
    let status = app.invoke("app_status", json!({})).expect("status");
    assert_eq!(status["session"]["kiosk"]["driveId"], drive["id"]);

    let form = app.invoke("kiosk_form", json!({})).expect("form");
    assert_eq!(form["driveName"], "Library stall");
    let purpose = &form["purposes"][0];
    app.invoke(
        "submit_kiosk_signup",
        json!({ "input": {
            "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.org",
            "postcode": "PR1 2HE",
            "consents": [{ "purposeId": purpose["id"], "statementVersion": purpose["version"], "given": true }],
        }}),
    )
    .expect("sign-up");
    let error = app
        .invoke("submit_kiosk_signup", json!({ "input": {} }))
        .expect_err("empty form");
    assert_eq!(kind(&error), "validation");
    assert_eq!(error["fields"]["postcode"], "Enter your postcode");

    let error = app
        .invoke("leave_kiosk", json!({ "input": { "password": "wrong" } }))
        .expect_err("wrong password");
    assert!(error["fields"]["password"].is_string(), "{error}");
    let info = app
        .invoke("leave_kiosk", json!({ "input": { "password": PASSWORD } }))
        .expect("leave");
    assert_eq!(info["role"], "admin");
    assert_eq!(info["kiosk"], Value::Null);
    let queue = app
        .invoke("pending_signups", json!({ "driveId": drive["id"] }))
        .expect("queue");
    assert_eq!(queue.as_array().map(Vec::len), Some(1));
    let signup = &queue[0]["signupId"];
    app.invoke(
        "accept_signup",
        json!({ "signupId": signup, "input": { "onDate": "" } }),
    )
    .expect("accept");
    let results = app
        .invoke("drive_results", json!({ "driveId": drive["id"] }))
        .expect("results");
    assert_eq!(results["newMembers"], 1);
    assert_eq!(results["costPerNewMemberPence"], 6000);
}

/// Reach and packs (issue 7): population figures imported from a raw body, the reach gap
/// viewed and saved with small numbers suppressed, and a transfer pack exported to a path and
/// imported from a raw body with its passphrase in a header (a wrong one refused as data).
#[test]
fn population_reach_gap_and_transfer_packs_over_ipc() {
    let app = TestApp::new();
    app.set_up();
    app.invoke(
        "save_area",
        json!({ "areaId": null, "input": { "name": "Preston", "districts": "PR1" } }),
    )
    .expect("area");
    let csv = "area,primary_need,age_band,children\nPreston,ASD,5-10,120\nPreston,SEMH,5-10,3\n";
    let headers = [
        ("x-file-name", "population.csv"),
        (
            "x-population-source",
            "%7B%22year%22%3A2026%2C%22source%22%3A%22DfE%20SEN2%22%7D",
        ),
    ];
    let report = app
        .invoke_raw("import_population", csv.as_bytes(), &headers)
        .expect("population import");
    assert_eq!(
        (report["applied"].clone(), report["cells"].clone()),
        (json!(true), json!(2))
    );
    let figures = app
        .invoke("population_figures", json!({}))
        .expect("figures");
    assert_eq!(
        (figures["total"].clone(), figures["year"].clone()),
        (json!(123), json!(2026))
    );
    let gap = app
        .invoke(
            "reach_gap",
            json!({ "options": { "ageBand": null, "targets": null } }),
        )
        .expect("reach gap");
    assert_eq!(gap["population"], 123);
    let path = app.dir.path().join("reach.json");
    let saved = app
        .invoke(
            "save_reach_gap",
            json!({ "options": {}, "format": "json", "path": path.to_str().expect("path") }),
        )
        .expect("saved");
    assert!(saved.get("bytes").is_none(), "the bytes stay in the shell");
    let written: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("file")).expect("JSON file");
    assert!(written["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["population"] != 3));

    let drive = app
        .invoke(
            "create_drive",
            json!({ "input": { "name": "Coffee morning", "startsOn": "2026-11-14" } }),
        )
        .expect("drive");
    let pack_path = app.dir.path().join("coffee.fdpack");
    let passphrase = "lantern orchard pebble 42";
    let file = app
        .invoke(
            "export_transfer_pack",
            json!({
                "driveId": drive["id"],
                "input": { "passphrase": passphrase, "passphraseConfirm": passphrase },
                "path": pack_path.to_str().expect("path"),
            }),
        )
        .expect("export");
    assert_eq!(file["signups"], 0);
    let bytes = std::fs::read(&pack_path).expect("pack written");
    let error = app
        .invoke_raw(
            "import_transfer_pack",
            &bytes,
            &[
                ("x-file-name", "coffee.fdpack"),
                ("x-pack-passphrase", "wrong%20one"),
            ],
        )
        .expect_err("wrong passphrase");
    assert_eq!(kind(&error), "validation");
    assert!(error["fields"]["passphrase"].is_string(), "{error}");
    let report = app
        .invoke_raw(
            "import_transfer_pack",
            &bytes,
            &[
                ("x-file-name", "coffee.fdpack"),
                ("x-pack-passphrase", "lantern%20orchard%20pebble%2042"),
            ],
        )
        .expect("import");
    assert_eq!(report["driveCreated"], false);
    assert_eq!(report["signups"], 0);
}
