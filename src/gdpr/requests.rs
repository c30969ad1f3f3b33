//! The log of subject access and erasure requests, and the deadline each must be answered by.
//!
//! The ICO's rule (UK GDPR Art. 12(3)): one calendar month from the day the request is
//! received, to the corresponding date in the next month, or the last day of that month when
//! it has no such date (received 31 January: due 28 or 29 February). A complex request may
//! be extended by up to two further months, counted the same way from the day of receipt
//! (31 January plus three months is 30 April). While the forum waits for proof of identity or
//! for the requester to clarify, the clock stops: the deadline moves on by the days paused,
//! and a pause still open counts up to today.
//!
//! Everything here needs [`Action::HandleDataRequests`] (admins). Audit entries hold ids and
//! field names only.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqliteConnection};
use time::{Date, Month};
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::storage::WriteTx;
use crate::text_enum::text_enum;
use crate::{id, validate, Error, Result};

text_enum!(
    /// What the person asked for.
    RequestKind, "RequestKind.ts" { Access = "access", Erasure = "erasure" }
);

text_enum!(
    /// Where a request stands. Only an open request has a live deadline.
    RequestStatus, "RequestStatus.ts" {
        Open = "open", Answered = "answered", Refused = "refused", Withdrawn = "withdrawn",
    }
);

text_enum!(
    /// How close an open request is to its deadline: past it, or due within
    /// [`DUE_SOON_DAYS`] days.
    Urgency, "RequestUrgency.ts" { Overdue = "overdue", DueSoon = "due_soon" }
);

impl RequestKind {
    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Access => "Subject access",
            RequestKind::Erasure => "Erasure",
        }
    }
}

impl RequestStatus {
    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Open => "Open",
            RequestStatus::Answered => "Answered",
            RequestStatus::Refused => "Refused",
            RequestStatus::Withdrawn => "Withdrawn",
        }
    }
}

/// An open request due within this many days (or past due) is shown on the home screen.
pub const DUE_SOON_DAYS: i64 = 7;

// ---------------------------------------------------------------------------------------
// The deadline arithmetic (pure, so it can be tested on its own).

/// `date` plus `months` calendar months: the same day of the month, or the last day of the
/// target month when it is shorter.
pub fn add_months(date: Date, months: u32) -> Date {
    let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months as i32;
    let year = index.div_euclid(12);
    let month_number = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    let month = Month::try_from(month_number).unwrap_or(Month::January);
    let last = month.length(year);
    let day = date.day().min(last);
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// One stop-the-clock period: from a date until a date, or still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paused {
    pub from: Date,
    pub until: Option<Date>,
}

/// The days the clock has been stopped: each closed pause's length, and an open one up to
/// `today`. A pause that starts and ends on the same day stops nothing.
pub fn days_paused(pauses: &[Paused], today: Date) -> i64 {
    pauses
        .iter()
        .map(|p| {
            let end = p.until.unwrap_or(today);
            (end - p.from).whole_days().max(0)
        })
        .sum()
}

/// The date a request received on `received` must be answered by.
pub fn deadline(received: Date, extension_months: u8, pauses: &[Paused], today: Date) -> Date {
    let base = add_months(received, 1 + u32::from(extension_months.min(2)));
    let paused = days_paused(pauses, today);
    base.checked_add(time::Duration::days(paused))
        .unwrap_or(base)
}

/// Overdue, due soon, or neither, for `days_left` (negative when past the deadline).
pub fn urgency(days_left: i64) -> Option<Urgency> {
    if days_left < 0 {
        Some(Urgency::Overdue)
    } else if days_left <= DUE_SOON_DAYS {
        Some(Urgency::DueSoon)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Types crossing to the UI.

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "DataRequestInput.ts")]
pub struct DataRequestInput {
    pub kind: Option<RequestKind>,
    /// The member the request is about, when a record matches.
    pub person_id: String,
    /// Who asked, as they gave it, when no record matches (or someone asks on another's
    /// behalf).
    pub requester: String,
    /// ISO or day-first; today when blank.
    pub received_on: String,
    /// Blank until their identity has been checked.
    pub identity_checked_on: String,
    /// How identity was checked ("knew them at the coffee morning", "photo ID by e-mail").
    pub identity_check_method: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "IdentityCheckInput.ts")]
pub struct IdentityCheckInput {
    /// ISO or day-first; today when blank.
    pub on: String,
    pub method: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ExtensionInput.ts")]
pub struct ExtensionInput {
    /// 1 or 2 further months, in all.
    pub months: u8,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "PauseInput.ts")]
pub struct PauseInput {
    /// The day the clock stopped (or restarts, when resuming). ISO or day-first; today
    /// when blank.
    pub on: String,
    /// Why the clock stops (waiting for ID, or for the requester to clarify). Needed to
    /// stop it, not to restart it.
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "CloseRequestInput.ts")]
pub struct CloseRequestInput {
    /// Answered, refused or withdrawn.
    pub status: Option<RequestStatus>,
    /// ISO or day-first; today when blank.
    pub on: String,
    /// Why it was refused, or anything worth keeping. Added to the request's notes.
    pub note: String,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "DataRequestFilter.ts")]
pub struct DataRequestFilter {
    /// Only requests still open (the default view).
    pub open_only: bool,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RequestPause.ts")]
pub struct RequestPause {
    pub id: String,
    pub from_on: String,
    pub until_on: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DataRequest.ts")]
pub struct DataRequest {
    pub id: String,
    pub kind: RequestKind,
    pub person_id: Option<String>,
    /// The member's name, when the request is linked to a record.
    pub person_name: Option<String>,
    pub requester: Option<String>,
    pub received_on: String,
    pub identity_checked_on: Option<String>,
    pub identity_check_method: Option<String>,
    pub extension_months: u8,
    pub extension_reason: Option<String>,
    pub status: RequestStatus,
    /// The day it was answered, refused or withdrawn.
    pub answered_on: Option<String>,
    pub notes: Option<String>,
    /// The last day the forum's data was exported for this request.
    pub exported_on: Option<String>,
    pub pauses: Vec<RequestPause>,
    /// Whether the clock is stopped now.
    pub paused: bool,
    /// The date it must be answered by (ISO).
    pub deadline: String,
    /// Days from today to the deadline; negative when past it. Counts for open requests.
    #[ts(type = "number")]
    pub days_left: i64,
    /// Only for open requests.
    pub urgency: Option<Urgency>,
}

#[derive(FromRow)]
struct Row {
    id: String,
    kind: RequestKind,
    person_id: Option<String>,
    person_name: Option<String>,
    requester: Option<String>,
    received_on: String,
    identity_checked_on: Option<String>,
    identity_check_method: Option<String>,
    extension_months: i64,
    extension_reason: Option<String>,
    status: RequestStatus,
    answered_on: Option<String>,
    notes: Option<String>,
    exported_on: Option<String>,
}

const SELECT: &str = "SELECT r.id, r.kind, r.person_id, \
     CASE WHEN p.id IS NULL THEN NULL ELSE trim(p.first_name || ' ' || p.last_name) END \
     AS person_name, r.requester, r.received_on, r.identity_checked_on, \
     r.identity_check_method, r.extension_months, r.extension_reason, r.status, r.answered_on, \
     r.notes, r.exported_on FROM gdpr_requests r LEFT JOIN people p ON p.id = r.person_id";

fn stored_date(text: &str) -> Result<Date> {
    id::parse_date(text)
        .ok_or_else(|| Error::internal(format!("A stored date is not a date: {text}")))
}

async fn load_pauses(conn: &mut SqliteConnection, request_id: &str) -> Result<Vec<RequestPause>> {
    Ok(sqlx::query_as(
        "SELECT id, from_on, until_on, reason FROM gdpr_request_pauses WHERE request_id = ? \
         ORDER BY from_on, id",
    )
    .bind(request_id)
    .fetch_all(&mut *conn)
    .await?)
}

fn build(row: Row, pauses: Vec<RequestPause>, today: Date) -> Result<DataRequest> {
    let received = stored_date(&row.received_on)?;
    let mut spans = Vec::with_capacity(pauses.len());
    for p in &pauses {
        spans.push(Paused {
            from: stored_date(&p.from_on)?,
            until: p.until_on.as_deref().map(stored_date).transpose()?,
        });
    }
    let extension = u8::try_from(row.extension_months).unwrap_or(0);
    // A closed request's clock stopped when it closed, so an open pause counts to then.
    let as_of = match (&row.status, &row.answered_on) {
        (RequestStatus::Open, _) | (_, None) => today,
        (_, Some(on)) => stored_date(on)?,
    };
    let due = deadline(received, extension, &spans, as_of);
    let days_left = (due - today).whole_days();
    let open = row.status == RequestStatus::Open;
    Ok(DataRequest {
        paused: pauses.iter().any(|p| p.until_on.is_none()),
        id: row.id,
        kind: row.kind,
        person_id: row.person_id,
        person_name: row.person_name,
        requester: row.requester,
        received_on: row.received_on,
        identity_checked_on: row.identity_checked_on,
        identity_check_method: row.identity_check_method,
        extension_months: extension,
        extension_reason: row.extension_reason,
        status: row.status,
        answered_on: row.answered_on,
        notes: row.notes,
        exported_on: row.exported_on,
        pauses,
        deadline: due.to_string(),
        days_left,
        urgency: if open { urgency(days_left) } else { None },
    })
}

async fn load(conn: &mut SqliteConnection, request_id: &str) -> Result<DataRequest> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE r.id = ?"))
        .bind(request_id)
        .fetch_optional(&mut *conn)
        .await?;
    let row = row.ok_or_else(|| Error::not_found("That request is not in the log."))?;
    let pauses = load_pauses(conn, request_id).await?;
    build(row, pauses, id::today_london())
}

/// One request, with its deadline.
pub async fn get(s: &Session, request_id: &str) -> Result<DataRequest> {
    s.require(Action::HandleDataRequests)?;
    let mut conn = s.db().reader().acquire().await?;
    load(&mut conn, request_id).await
}

/// The log: open requests first, soonest deadline first; then closed ones, newest first.
pub async fn list(s: &Session, filter: &DataRequestFilter) -> Result<Vec<DataRequest>> {
    s.require(Action::HandleDataRequests)?;
    let mut conn = s.db().reader().acquire().await?;
    let where_clause = if filter.open_only {
        " WHERE r.status = 'open'"
    } else {
        ""
    };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT}{where_clause} ORDER BY r.received_on DESC, r.id DESC"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let today = id::today_london();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let pauses = load_pauses(&mut conn, &row.id).await?;
        out.push(build(row, pauses, today)?);
    }
    // Stable: closed ones keep newest-received first.
    out.sort_by(|a, b| {
        let a_open = a.status == RequestStatus::Open;
        let b_open = b.status == RequestStatus::Open;
        b_open.cmp(&a_open).then_with(|| {
            if a_open && b_open {
                a.deadline.cmp(&b.deadline)
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    Ok(out)
}

/// Open requests past their deadline or due within [`DUE_SOON_DAYS`] days, soonest first,
/// for the home screen.
pub async fn due(s: &Session) -> Result<Vec<DataRequest>> {
    let open = list(s, &DataRequestFilter { open_only: true }).await?;
    Ok(open.into_iter().filter(|r| r.urgency.is_some()).collect())
}

async fn audit_step(
    tx: &mut SqliteConnection,
    s: &Session,
    action: &str,
    request_id: &str,
    changes: serde_json::Value,
) -> Result<()> {
    audit::append(
        tx,
        Entry {
            actor_id: Some(s.user_id()),
            action,
            entity: "gdpr_request",
            entity_id: Some(request_id),
            changes,
        },
    )
    .await
}

/// Records a request received.
pub async fn record(s: &Session, input: DataRequestInput) -> Result<DataRequest> {
    s.require(Action::HandleDataRequests)?;
    let mut errors = FieldErrors::default();
    if input.kind.is_none() {
        errors.add(
            "kind",
            "Choose whether they asked for their data or for erasure",
        );
    }
    let received = validate::past_date(&mut errors, "receivedOn", &input.received_on);
    let person_id = Some(input.person_id.trim()).filter(|p| !p.is_empty());
    let requester = if input.requester.trim().is_empty() {
        None
    } else {
        Some(validate::name(
            &mut errors,
            "requester",
            "who made the request",
            &input.requester,
            200,
        ))
    };
    if person_id.is_none() && requester.is_none() {
        errors.add(
            "personId",
            "Select the person from the members list, or enter who made the request",
        );
    }
    let checked = validate::date(
        &mut errors,
        "identityCheckedOn",
        &input.identity_checked_on,
        None,
    );
    let method = validate::note(
        &mut errors,
        "identityCheckMethod",
        "how their identity was checked",
        &input.identity_check_method,
        500,
    );
    if checked.is_some() && method.is_none() {
        errors.add(
            "identityCheckMethod",
            "Enter how their identity was checked",
        );
    }
    if method.is_some() && checked.is_none() && !errors.has("identityCheckedOn") {
        errors.add(
            "identityCheckedOn",
            "Enter the date their identity was checked",
        );
    }
    if let (Some(received), Some(checked)) = (received, checked) {
        if checked > id::today_london() {
            errors.add("identityCheckedOn", "The date must be today or in the past");
        } else if checked < received {
            errors.add(
                "identityCheckedOn",
                format!(
                    "The check must be on or after the day the request was received, {}",
                    validate::long_date(received)
                ),
            );
        }
    }
    let notes = validate::note(&mut errors, "notes", "the notes", &input.notes, 4000);
    errors.finish()?;
    let kind = input
        .kind
        .ok_or_else(|| Error::internal("A checked kind is missing."))?;
    let received = received.ok_or_else(|| Error::internal("A checked date is missing."))?;

    let mut tx = s.db().write().await?;
    if let Some(person_id) = person_id {
        crate::members::require_person(&mut tx, person_id).await?;
    }
    let request_id = id::new_id();
    let now = id::now_rfc3339();
    sqlx::query(
        "INSERT INTO gdpr_requests (id, kind, person_id, requester, received_on, \
         identity_checked_on, identity_check_method, status, notes, recorded_by, created_at, \
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
    )
    .bind(&request_id)
    .bind(kind)
    .bind(person_id)
    .bind(&requester)
    .bind(received.to_string())
    .bind(checked.map(|d| d.to_string()))
    .bind(&method)
    .bind(&notes)
    .bind(s.user_id())
    .bind(&now)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    audit_step(
        &mut tx,
        s,
        "gdpr_request.recorded",
        &request_id,
        json!({"kind": kind.as_str(), "person_id": person_id, "identity_checked": checked.is_some()}),
    )
    .await?;
    let request = load(&mut tx, &request_id).await?;
    tx.commit().await?;
    Ok(request)
}

/// The request, which must still be open for a step to be recorded on it.
async fn open_request(
    tx: &mut SqliteConnection,
    request_id: &str,
) -> Result<(Date, RequestStatus)> {
    let row: Option<(String, RequestStatus)> =
        sqlx::query_as("SELECT received_on, status FROM gdpr_requests WHERE id = ?")
            .bind(request_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (received, status) =
        row.ok_or_else(|| Error::not_found("That request is not in the log."))?;
    if status != RequestStatus::Open {
        return Err(Error::conflict(format!(
            "That request is already closed ({}).",
            status.label().to_lowercase()
        )));
    }
    Ok((stored_date(&received)?, status))
}

fn not_before(
    errors: &mut FieldErrors,
    field: &str,
    date: Option<Date>,
    earliest: Date,
    what: &str,
) {
    if let Some(date) = date {
        if date < earliest {
            errors.add(
                field,
                format!(
                    "The date must be on or after {what}, {}",
                    validate::long_date(earliest)
                ),
            );
        }
    }
}

/// The end of every step on a request: stamp it as updated, audit the step, and return the
/// request as it now stands, in the step's transaction.
async fn finish_step(
    mut tx: WriteTx,
    s: &Session,
    action: &str,
    request_id: &str,
    changes: serde_json::Value,
) -> Result<DataRequest> {
    sqlx::query("UPDATE gdpr_requests SET updated_at = ? WHERE id = ?")
        .bind(id::now_rfc3339())
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    audit_step(&mut tx, s, action, request_id, changes).await?;
    let request = load(&mut tx, request_id).await?;
    tx.commit().await?;
    Ok(request)
}

/// Records that the requester's identity was checked: when, and how.
pub async fn identity_checked(
    s: &Session,
    request_id: &str,
    input: IdentityCheckInput,
) -> Result<DataRequest> {
    s.require(Action::HandleDataRequests)?;
    let mut errors = FieldErrors::default();
    let on = validate::past_date(&mut errors, "on", &input.on);
    let method = validate::note(
        &mut errors,
        "method",
        "how their identity was checked",
        &input.method,
        500,
    );
    if method.is_none() {
        errors.add("method", "Enter how their identity was checked");
    }
    let mut tx = s.db().write().await?;
    let (received, _) = open_request(&mut tx, request_id).await?;
    not_before(
        &mut errors,
        "on",
        on,
        received,
        "the day the request was received",
    );
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("A checked date is missing."))?;
    sqlx::query(
        "UPDATE gdpr_requests SET identity_checked_on = ?, identity_check_method = ? WHERE id = ?",
    )
    .bind(on.to_string())
    .bind(&method)
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    finish_step(
        tx,
        s,
        "gdpr_request.identity_checked",
        request_id,
        json!({"fields": ["identity_checked_on", "identity_check_method"]}),
    )
    .await
}

/// Extends the deadline by 1 or 2 further months in all, for a complex request.
pub async fn extend(s: &Session, request_id: &str, input: ExtensionInput) -> Result<DataRequest> {
    s.require(Action::HandleDataRequests)?;
    let mut errors = FieldErrors::default();
    if !(1..=2).contains(&input.months) {
        errors.add(
            "months",
            "Choose 1 or 2 months: the law allows up to two further months",
        );
    }
    let reason = validate::note(&mut errors, "reason", "the reason", &input.reason, 2000);
    if reason.is_none() {
        errors.add(
            "reason",
            "Enter why the request needs longer (for example, it is complex or one of several)",
        );
    }
    errors.finish()?;
    let mut tx = s.db().write().await?;
    open_request(&mut tx, request_id).await?;
    sqlx::query("UPDATE gdpr_requests SET extension_months = ?, extension_reason = ? WHERE id = ?")
        .bind(i64::from(input.months))
        .bind(&reason)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    finish_step(
        tx,
        s,
        "gdpr_request.extended",
        request_id,
        json!({"months": input.months, "fields": ["extension_reason"]}),
    )
    .await
}

async fn open_pause(
    tx: &mut SqliteConnection,
    request_id: &str,
) -> Result<Option<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, from_on FROM gdpr_request_pauses WHERE request_id = ? AND until_on IS NULL",
    )
    .bind(request_id)
    .fetch_optional(&mut *tx)
    .await?)
}

/// Stops the clock from a date (today when blank), with the reason.
pub async fn pause(s: &Session, request_id: &str, input: PauseInput) -> Result<DataRequest> {
    s.require(Action::HandleDataRequests)?;
    let mut errors = FieldErrors::default();
    let on = validate::past_date(&mut errors, "on", &input.on);
    let reason = validate::note(&mut errors, "reason", "the reason", &input.reason, 2000);
    if reason.is_none() {
        errors.add(
            "reason",
            "Enter why the clock is stopped (for example, waiting for proof of identity)",
        );
    }
    let mut tx = s.db().write().await?;
    let (received, _) = open_request(&mut tx, request_id).await?;
    if open_pause(&mut tx, request_id).await?.is_some() {
        return Err(Error::conflict(
            "The clock is already stopped for this request.",
        ));
    }
    not_before(
        &mut errors,
        "on",
        on,
        received,
        "the day the request was received",
    );
    // Pauses must not overlap one already recorded.
    if let Some(on) = on {
        let last_end: Option<String> = sqlx::query_scalar(
            "SELECT max(until_on) FROM gdpr_request_pauses WHERE request_id = ?",
        )
        .bind(request_id)
        .fetch_one(&mut *tx)
        .await?;
        if let Some(last_end) = last_end {
            let last_end = stored_date(&last_end)?;
            not_before(
                &mut errors,
                "on",
                Some(on),
                last_end,
                "the day the clock last restarted",
            );
        }
    }
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let pause_id = id::new_id();
    sqlx::query(
        "INSERT INTO gdpr_request_pauses (id, request_id, from_on, until_on, reason, recorded_by) \
         VALUES (?, ?, ?, NULL, ?, ?)",
    )
    .bind(&pause_id)
    .bind(request_id)
    .bind(on.to_string())
    .bind(&reason)
    .bind(s.user_id())
    .execute(&mut *tx)
    .await?;
    finish_step(
        tx,
        s,
        "gdpr_request.paused",
        request_id,
        json!({"pause_id": pause_id, "from": on.to_string()}),
    )
    .await
}

/// Restarts the clock on a date (today when blank), never before it stopped.
pub async fn resume(s: &Session, request_id: &str, input: PauseInput) -> Result<DataRequest> {
    s.require(Action::HandleDataRequests)?;
    let mut errors = FieldErrors::default();
    let on = validate::past_date(&mut errors, "on", &input.on);
    let mut tx = s.db().write().await?;
    open_request(&mut tx, request_id).await?;
    let Some((pause_id, from)) = open_pause(&mut tx, request_id).await? else {
        return Err(Error::conflict(
            "The clock is not stopped for this request.",
        ));
    };
    not_before(
        &mut errors,
        "on",
        on,
        stored_date(&from)?,
        "the day the clock stopped",
    );
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("A checked date is missing."))?;
    sqlx::query("UPDATE gdpr_request_pauses SET until_on = ? WHERE id = ?")
        .bind(on.to_string())
        .bind(&pause_id)
        .execute(&mut *tx)
        .await?;
    finish_step(
        tx,
        s,
        "gdpr_request.resumed",
        request_id,
        json!({"pause_id": pause_id, "until": on.to_string()}),
    )
    .await
}

/// Closes a request: answered, refused or withdrawn, on a date (today when blank). A
/// stopped clock stops for good on that date.
pub async fn close(s: &Session, request_id: &str, input: CloseRequestInput) -> Result<DataRequest> {
    s.require(Action::HandleDataRequests)?;
    let mut errors = FieldErrors::default();
    let status = match input.status {
        Some(RequestStatus::Open) | None => {
            errors.add(
                "status",
                "Choose whether it was answered, refused or withdrawn",
            );
            None
        }
        Some(status) => Some(status),
    };
    let on = validate::past_date(&mut errors, "on", &input.on);
    let note = validate::note(&mut errors, "note", "the note", &input.note, 2000);
    if status == Some(RequestStatus::Refused) && note.is_none() {
        errors.add("note", "Enter why the request was refused");
    }
    let mut tx = s.db().write().await?;
    let (received, _) = open_request(&mut tx, request_id).await?;
    not_before(
        &mut errors,
        "on",
        on,
        received,
        "the day the request was received",
    );
    let pause = open_pause(&mut tx, request_id).await?;
    if let Some((_, from)) = &pause {
        not_before(
            &mut errors,
            "on",
            on,
            stored_date(from)?,
            "the day the clock stopped",
        );
    }
    errors.finish()?;
    let status = status.ok_or_else(|| Error::internal("A checked status is missing."))?;
    let on = on.ok_or_else(|| Error::internal("A checked date is missing."))?;
    if let Some((pause_id, _)) = pause {
        sqlx::query("UPDATE gdpr_request_pauses SET until_on = ? WHERE id = ?")
            .bind(on.to_string())
            .bind(&pause_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "UPDATE gdpr_requests SET status = ?1, answered_on = ?2, \
         notes = CASE WHEN ?3 IS NULL THEN notes WHEN notes IS NULL THEN ?3 \
         ELSE notes || char(10) || ?3 END WHERE id = ?4",
    )
    .bind(status)
    .bind(on.to_string())
    .bind(&note)
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    finish_step(tx, s, "gdpr_request.closed", request_id, json!({"status": status.as_str(), "on": on.to_string(), "fields": if note.is_some() { vec!["notes"] } else { vec![] }})).await
}

/// Notes on an access request that its data was exported today, for [`super::sar`]. The
/// request must exist and be about the person exported.
pub(crate) async fn note_export(
    tx: &mut SqliteConnection,
    request_id: &str,
    person_id: &str,
) -> Result<()> {
    let row: Option<(Option<String>, RequestKind)> =
        sqlx::query_as("SELECT person_id, kind FROM gdpr_requests WHERE id = ?")
            .bind(request_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (linked, kind) = row.ok_or_else(|| Error::not_found("That request is not in the log."))?;
    if kind != RequestKind::Access {
        return Err(Error::conflict(
            "That request is for erasure, not for a copy of their data.",
        ));
    }
    if linked.as_deref() != Some(person_id) {
        return Err(Error::conflict(
            "That request is not linked to this person's record.",
        ));
    }
    sqlx::query("UPDATE gdpr_requests SET exported_on = ?, updated_at = ? WHERE id = ?")
        .bind(id::today_london().to_string())
        .bind(id::now_rfc3339())
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    const TODAY: Date = date!(2026 - 11 - 22);

    #[test]
    fn one_calendar_month_is_the_corresponding_date() {
        assert_eq!(
            deadline(date!(2026 - 09 - 03), 0, &[], TODAY),
            date!(2026 - 10 - 03)
        );
        assert_eq!(
            deadline(date!(2026 - 11 - 22), 0, &[], TODAY),
            date!(2026 - 12 - 22)
        );
        // Across the year end.
        assert_eq!(
            deadline(date!(2026 - 12 - 15), 0, &[], TODAY),
            date!(2027 - 01 - 15)
        );
        assert_eq!(
            deadline(date!(2026 - 12 - 31), 0, &[], TODAY),
            date!(2027 - 01 - 31)
        );
    }

    #[test]
    fn a_missing_corresponding_date_is_the_last_day_of_the_month() {
        assert_eq!(
            deadline(date!(2027 - 01 - 31), 0, &[], TODAY),
            date!(2027 - 02 - 28)
        );
        assert_eq!(
            deadline(date!(2028 - 01 - 31), 0, &[], TODAY),
            date!(2028 - 02 - 29)
        );
        assert_eq!(
            deadline(date!(2028 - 01 - 30), 0, &[], TODAY),
            date!(2028 - 02 - 29)
        );
        assert_eq!(
            deadline(date!(2028 - 01 - 29), 0, &[], TODAY),
            date!(2028 - 02 - 29)
        );
        assert_eq!(
            deadline(date!(2027 - 01 - 29), 0, &[], TODAY),
            date!(2027 - 02 - 28)
        );
        assert_eq!(
            deadline(date!(2026 - 03 - 31), 0, &[], TODAY),
            date!(2026 - 04 - 30)
        );
        assert_eq!(
            deadline(date!(2026 - 08 - 31), 0, &[], TODAY),
            date!(2026 - 09 - 30)
        );
        // 2100 is not a leap year.
        assert_eq!(
            deadline(date!(2100 - 01 - 31), 0, &[], TODAY),
            date!(2100 - 02 - 28)
        );
    }

    #[test]
    fn extensions_add_months_counted_from_receipt() {
        assert_eq!(
            deadline(date!(2026 - 09 - 03), 1, &[], TODAY),
            date!(2026 - 11 - 03)
        );
        assert_eq!(
            deadline(date!(2026 - 09 - 03), 2, &[], TODAY),
            date!(2026 - 12 - 03)
        );
        // 31 January plus three months is 30 April, not 28 April via February.
        assert_eq!(
            deadline(date!(2027 - 01 - 31), 2, &[], TODAY),
            date!(2027 - 04 - 30)
        );
        assert_eq!(
            deadline(date!(2026 - 11 - 30), 1, &[], TODAY),
            date!(2027 - 01 - 30)
        );
        assert_eq!(
            deadline(date!(2026 - 12 - 31), 1, &[], TODAY),
            date!(2027 - 02 - 28)
        );
        // Never more than two further months, whatever is stored.
        assert_eq!(
            deadline(date!(2026 - 09 - 03), 5, &[], TODAY),
            date!(2026 - 12 - 03)
        );
    }

    #[test]
    fn closed_pauses_move_the_deadline_by_their_days() {
        let pauses = [Paused {
            from: date!(2026 - 09 - 05),
            until: Some(date!(2026 - 09 - 15)),
        }];
        assert_eq!(days_paused(&pauses, TODAY), 10);
        assert_eq!(
            deadline(date!(2026 - 09 - 03), 0, &pauses, TODAY),
            date!(2026 - 10 - 13)
        );
        // Two pauses add up, and a same-day pause stops nothing.
        let pauses = [
            Paused {
                from: date!(2026 - 09 - 05),
                until: Some(date!(2026 - 09 - 08)),
            },
            Paused {
                from: date!(2026 - 09 - 20),
                until: Some(date!(2026 - 09 - 20)),
            },
            Paused {
                from: date!(2026 - 09 - 25),
                until: Some(date!(2026 - 10 - 02)),
            },
        ];
        assert_eq!(days_paused(&pauses, TODAY), 3 + 7);
        assert_eq!(
            deadline(date!(2026 - 09 - 03), 0, &pauses, TODAY),
            date!(2026 - 10 - 13)
        );
    }

    #[test]
    fn an_open_pause_counts_up_to_today() {
        let pauses = [Paused {
            from: date!(2026 - 11 - 12),
            until: None,
        }];
        assert_eq!(days_paused(&pauses, TODAY), 10);
        assert_eq!(
            deadline(date!(2026 - 11 - 10), 0, &pauses, TODAY),
            date!(2026 - 12 - 20)
        );
        // Tomorrow it has moved on a day.
        let tomorrow = date!(2026 - 11 - 23);
        assert_eq!(
            deadline(date!(2026 - 11 - 10), 0, &pauses, tomorrow),
            date!(2026 - 12 - 21)
        );
        // A pause that starts today has stopped nothing yet.
        let today_pause = [Paused {
            from: TODAY,
            until: None,
        }];
        assert_eq!(days_paused(&today_pause, TODAY), 0);
    }

    #[test]
    fn pauses_and_extensions_combine() {
        // 31 Jan 2028 + 1 + 1 months = 31 March 2028; plus 5 days paused = 5 April.
        let pauses = [Paused {
            from: date!(2028 - 02 - 01),
            until: Some(date!(2028 - 02 - 06)),
        }];
        assert_eq!(
            deadline(date!(2028 - 01 - 31), 1, &pauses, TODAY),
            date!(2028 - 04 - 05)
        );
        // Pauses are added after the month arithmetic: 31 Jan 2027 → 28 Feb, + 3 days.
        let pauses = [Paused {
            from: date!(2027 - 02 - 01),
            until: Some(date!(2027 - 02 - 04)),
        }];
        assert_eq!(
            deadline(date!(2027 - 01 - 31), 0, &pauses, TODAY),
            date!(2027 - 03 - 03)
        );
    }

    #[test]
    fn urgency_flags_overdue_and_due_within_seven_days() {
        assert_eq!(urgency(-1), Some(Urgency::Overdue));
        assert_eq!(urgency(-30), Some(Urgency::Overdue));
        assert_eq!(urgency(0), Some(Urgency::DueSoon));
        assert_eq!(urgency(7), Some(Urgency::DueSoon));
        assert_eq!(urgency(8), None);
    }

    #[test]
    fn add_months_keeps_the_day_or_takes_the_last() {
        assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 01 - 31), 2), date!(2026 - 03 - 31));
        assert_eq!(add_months(date!(2026 - 01 - 31), 3), date!(2026 - 04 - 30));
        assert_eq!(add_months(date!(2026 - 10 - 31), 3), date!(2027 - 01 - 31));
        assert_eq!(add_months(date!(2026 - 05 - 15), 0), date!(2026 - 05 - 15));
    }
}
