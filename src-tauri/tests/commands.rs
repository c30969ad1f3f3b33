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
