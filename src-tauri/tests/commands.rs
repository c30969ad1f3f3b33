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
