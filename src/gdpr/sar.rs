//! The subject access export: everything the forum holds about one person, as a folder
//! holding `subject-access.json` (every section, machine-readable) and `subject-access.html`
//! (the same, readable and printable, with plain-English headings). The folder's name holds
//! the date, never the person's name.
//!
//! What is covered is [`SECTIONS`]: one query per table that refers to a person, run in
//! order by [`export`]. Tables that refer to a person but are deliberately left out are
//! [`NOT_EXPORTED`], each with its reason. `tests/gdpr_sar_completeness.rs` reads the real
//! schema and fails when a table that refers to a person is in neither list, so a table
//! added later cannot be forgotten.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Map, Value};
use sqlx::{Column, Row, SqliteConnection, TypeInfo, ValueRef};
use ts_rs::TS;

use super::requests;
use crate::audit::{self, Entry};
use crate::report::html::escape;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

/// One part of the export: the table it covers, its heading, and the query that reads the
/// person's rows from it (`?1` is the person's id). Column names become the JSON keys and,
/// with the underscores made spaces, the HTML labels.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub table: &'static str,
    pub heading: &'static str,
    /// A sentence under the heading saying what this is.
    pub intro: &'static str,
    pub query: &'static str,
    /// Shown as a list of labelled values (one row at most) rather than a table.
    pub single: bool,
}

pub const SECTIONS: &[Section] = &[
    Section {
        table: "people",
        heading: "Your details",
        intro: "Your name, contact details and the other details on your record.",
        query: "SELECT p.id AS record_id, p.first_name, p.last_name, p.preferred_name, \
                p.email, p.phone, p.address_line1, p.address_line2, p.town, p.postcode, \
                a.name AS area, p.heard_about, p.notes, p.source AS where_the_record_came_from, \
                p.created_at AS record_created, p.updated_at AS record_last_changed \
                FROM people p LEFT JOIN areas a ON a.id = p.area_id WHERE p.id = ?1",
        single: true,
    },
    Section {
        table: "memberships",
        heading: "Your membership",
        intro: "Your membership of the forum as it stands.",
        query: "SELECT member_type, status, joined_on, renewal_due_on, left_on, \
                leaving_reason, recruitment_source FROM memberships WHERE person_id = ?1",
        single: true,
    },
    Section {
        table: "membership_events",
        heading: "Your membership history",
        intro: "Each time you joined, renewed, lapsed, left or rejoined.",
        query: "SELECT e.kind AS what_happened, e.on_date, e.reason, e.recorded_at, \
                u.display_name AS recorded_by FROM membership_events e \
                LEFT JOIN users u ON u.id = e.recorded_by WHERE e.person_id = ?1 \
                ORDER BY e.on_date, e.id",
        single: false,
    },
    Section {
        table: "consent_captures",
        heading: "What you agreed to us contacting you about",
        intro: "Every time you gave or withdrew your agreement, with the words you were shown.",
        query: "SELECT pu.name AS purpose, CASE e.given WHEN 1 THEN 'Agreed' ELSE 'Withdrawn' \
                END AS answer, e.statement_version, st.text AS statement, e.method AS how, \
                e.at AS recorded_at, u.display_name AS recorded_by FROM consent_events e \
                JOIN consent_purposes pu ON pu.id = e.purpose_id \
                LEFT JOIN consent_statements st ON st.purpose_id = e.purpose_id \
                AND st.version = e.statement_version \
                LEFT JOIN users u ON u.id = e.captured_by \
                WHERE e.person_id = ?1 ORDER BY e.at, e.id, pu.sort_order",
        single: false,
    },
    Section {
        table: "children",
        heading: "Your children's needs",
        intro: "What you told us about your children's special educational needs or \
                disabilities. We never hold their names or full dates of birth.",
        query: "SELECT year_of_birth, age_band, primary_need, secondary_needs, provision, \
                school_phase, setting_type, local_authority, created_at AS recorded_at, \
                updated_at AS last_changed FROM children WHERE person_id = ?1 \
                ORDER BY created_at, id",
        single: false,
    },
    Section {
        table: "equality",
        heading: "Your equality information",
        intro: "The equality information you chose to give us.",
        query: "SELECT ethnicity, first_language, updated_at AS last_changed FROM equality \
                WHERE person_id = ?1",
        single: true,
    },
    Section {
        table: "drive_signups",
        heading: "When you signed up at a stall",
        intro: "The recruitment drives (stalls and events) where you signed up, and what \
                happened to your sign-up.",
        query: "SELECT d.name AS drive, d.venue, d.starts_on AS drive_date, \
                s.signed_up_at, s.status AS what_happened_to_the_sign_up, s.reviewed_at \
                FROM drive_signups s JOIN drives d ON d.id = s.drive_id \
                WHERE s.person_id = ?1 ORDER BY s.signed_up_at, s.id",
        single: false,
    },
    Section {
        table: "organisation_contacts",
        heading: "Groups you hold a role in",
        intro: "Organisations for which we hold you as a contact, and your role there.",
        query: "SELECT o.name AS organisation, c.role, c.created_at AS recorded_at \
                FROM organisation_contacts c JOIN organisations o ON o.id = c.organisation_id \
                WHERE c.person_id = ?1 ORDER BY o.name, c.role",
        single: false,
    },
    Section {
        table: "co_options",
        heading: "Your places on the steering group for a group",
        intro: "When you were co-opted onto the forum's steering group as a group's leader.",
        query: "SELECT o.name AS organisation, c.from_on, c.until_on, c.note, \
                c.created_at AS recorded_at FROM co_options c \
                JOIN organisations o ON o.id = c.organisation_id WHERE c.person_id = ?1 \
                ORDER BY c.from_on, c.id",
        single: false,
    },
    Section {
        table: "activity_people",
        heading: "Activities you took part in",
        intro: "Meetings, consultations, events and other activities we recorded you at.",
        query: "SELECT a.title, a.kind, a.starts_on, a.ends_on, a.topic FROM activity_people ap \
                JOIN activities a ON a.id = ap.activity_id WHERE ap.person_id = ?1 \
                ORDER BY a.starts_on, a.id",
        single: false,
    },
    Section {
        table: "seats",
        heading: "Seats you hold for the forum",
        intro: "Partnership boards and groups where you represent the forum.",
        query: "SELECT b.name AS body, s.role, s.from_on, s.until_on, s.created_at AS recorded_at \
                FROM seats s JOIN bodies b ON b.id = s.body_id WHERE s.person_id = ?1 \
                ORDER BY s.from_on, s.id",
        single: false,
    },
    Section {
        table: "duplicate_dismissals",
        heading: "Records checked and found not to be you",
        intro: "Other records that looked like yours, which we checked were someone else. \
                Only that record's reference is shown: it is another person's data.",
        query: "SELECT CASE WHEN d.a_id = ?1 THEN d.b_id ELSE d.a_id END AS other_record_id, \
                d.at AS checked_at, u.display_name AS checked_by FROM duplicate_dismissals d \
                LEFT JOIN users u ON u.id = d.dismissed_by WHERE d.a_id = ?1 OR d.b_id = ?1 \
                ORDER BY d.at",
        single: false,
    },
    Section {
        table: "merges",
        heading: "Records merged into yours",
        intro: "Duplicate records of you that we combined into this one, with the records as \
                they were before (kept so a mistaken merge can be undone).",
        query: "SELECT m.merged_id AS merged_record_id, m.kept_id AS kept_record_id, \
                m.at AS merged_at, u.display_name AS merged_by, m.undone_at, \
                m.snapshot AS records_before_merging FROM merges m \
                LEFT JOIN users u ON u.id = m.merged_by \
                WHERE m.kept_id = ?1 OR m.merged_id = ?1 ORDER BY m.at",
        single: false,
    },
    Section {
        table: "gdpr_requests",
        heading: "Your requests about your data",
        intro: "Requests for a copy of your data or for its erasure, and how we handled them.",
        query: "SELECT r.kind, r.received_on, r.identity_checked_on, r.identity_check_method, \
                r.extension_months, r.extension_reason, (SELECT group_concat(pa.from_on || ' to ' \
                || coalesce(pa.until_on, 'now') || ': ' || pa.reason, '; ') \
                FROM gdpr_request_pauses pa WHERE pa.request_id = r.id) AS clock_stopped, \
                r.status, r.answered_on, r.exported_on AS copy_sent_on, r.notes \
                FROM gdpr_requests r WHERE r.person_id = ?1 ORDER BY r.received_on, r.id",
        single: false,
    },
    Section {
        table: "retention_keeps",
        heading: "Decisions to keep your record for longer",
        intro: "Times we reviewed your record under our retention schedule and decided to \
                keep it for longer, and why.",
        query: "SELECT k.rule, k.reason, k.kept_at, u.display_name AS kept_by, \
                k.review_on AS next_review_on FROM retention_keeps k \
                LEFT JOIN users u ON u.id = k.kept_by WHERE k.person_id = ?1 \
                ORDER BY k.kept_at, k.id",
        single: false,
    },
    Section {
        table: "audit_log",
        heading: "Who has looked at or changed your record",
        intro: "Our audit trail of what was done to your record, by whom and when.",
        query: "SELECT a.at AS time, coalesce(u.display_name, 'The system') AS who, \
                replace(replace(a.action, '.', ' '), '_', ' ') AS what_was_done, \
                a.entity AS kind_of_record, a.entity_id AS record_id FROM audit_log a \
                LEFT JOIN users u ON u.id = a.actor_id \
                WHERE a.entity_id = ?1 OR instr(a.changes, ?1) > 0 \
                OR a.entity_id IN (SELECT r.id FROM gdpr_requests r WHERE r.person_id = ?1) \
                ORDER BY a.seq",
        single: false,
    },
];

/// Tables that refer to a person but are not exported, and why.
pub const NOT_EXPORTED: &[(&str, &str)] = &[
    (
        "children_removed",
        "Anonymous counts of children's needs kept after a child's details are deleted: no \
         name, no link a person can be identified from.",
    ),
    (
        "erased_children",
        "Two anonymous figures (primary need and age band) kept against the record of a \
         person who has been erased, which identifies no one; nothing is exported for an \
         erased person.",
    ),
    (
        "people_names",
        "Each member's first and last name again, by row number, to sort search results: the \
         same names shown under 'Your details'.",
    ),
    (
        "people_search",
        "A search index of the name, e-mail, phone and postcode already shown under \
         'Your details'.",
    ),
];

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SarSection.ts")]
pub struct SarSection {
    pub table: String,
    pub heading: String,
    pub rows: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SarExport.ts")]
pub struct SarExport {
    /// The folder written, holding the two files.
    pub folder: String,
    pub json_file: String,
    pub html_file: String,
    pub sections: Vec<SarSection>,
}

/// One section's rows, as read.
struct Read {
    section: &'static Section,
    columns: Vec<String>,
    rows: Vec<Map<String, Value>>,
}

fn value_of(row: &sqlx::sqlite::SqliteRow, index: usize) -> Result<Value> {
    let raw = row.try_get_raw(index)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let kind = raw.type_info().name().to_owned();
    Ok(match kind.as_str() {
        "INTEGER" => Value::from(row.try_get::<i64, _>(index)?),
        "REAL" => Value::from(row.try_get::<f64, _>(index)?),
        "BLOB" => Value::from(hex::encode(row.try_get::<Vec<u8>, _>(index)?)),
        _ => Value::from(row.try_get::<String, _>(index)?),
    })
}

async fn read_section(
    conn: &mut SqliteConnection,
    section: &'static Section,
    person_id: &str,
) -> Result<Read> {
    let rows = sqlx::query(section.query)
        .bind(person_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut columns = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        if columns.is_empty() {
            columns = row.columns().iter().map(|c| c.name().to_owned()).collect();
        }
        let mut map = Map::new();
        for (i, name) in columns.iter().enumerate() {
            map.insert(name.clone(), value_of(row, i)?);
        }
        out.push(map);
    }
    Ok(Read {
        section,
        columns,
        rows: out,
    })
}

/// The person must exist and not have been erased (an erased record is a tombstone that
/// identifies no one, so there is nothing to give).
async fn require_subject(conn: &mut SqliteConnection, person_id: &str) -> Result<()> {
    let row = sqlx::query("SELECT * FROM people WHERE id = ?")
        .bind(person_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Err(Error::not_found("No member has that record id."));
    };
    let erased = row
        .columns()
        .iter()
        .position(|c| c.name() == "erased_at")
        .map(|i| value_of(&row, i))
        .transpose()?
        .is_some_and(|v| !v.is_null());
    if erased {
        return Err(Error::not_found(
            "That person's record has been erased: the forum holds nothing that identifies them.",
        ));
    }
    Ok(())
}

/// Exports everything the forum holds about `person_id` into a new folder inside `out_dir`,
/// and records that it was done (and, with `request_id`, notes the date on that access
/// request, which must be about this person).
pub async fn export(
    s: &Session,
    person_id: &str,
    out_dir: &Path,
    request_id: Option<&str>,
) -> Result<SarExport> {
    s.require(Action::HandleDataRequests)?;
    if !out_dir.is_dir() {
        return Err(Error::field(
            "out",
            format!("There is no folder at {}", out_dir.display()),
        ));
    }
    let forum_name: String = sqlx::query_scalar("SELECT name FROM forum WHERE id = 1")
        .fetch_one(s.db().reader())
        .await?;

    // One read transaction, so every section comes from the same moment.
    let mut conn = s.db().reader().acquire().await?;
    let mut read_tx = sqlx::Connection::begin(&mut *conn).await?;
    require_subject(&mut read_tx, person_id).await?;
    let mut reads = Vec::with_capacity(SECTIONS.len());
    for section in SECTIONS {
        reads.push(read_section(&mut read_tx, section, person_id).await?);
    }
    read_tx.commit().await?;
    drop(conn);

    let today = id::today_london();
    let prepared_at = id::now_rfc3339();
    let json_text = render_json(&reads, &forum_name, person_id, &prepared_at)?;
    let html_text = render_html(&reads, &forum_name, today);

    // The audit entry and the request's note are written with the files: if the files
    // cannot be written nothing is recorded, and if recording fails the files are removed.
    let mut tx = s.db().write().await?;
    if let Some(request_id) = request_id {
        requests::note_export(&mut tx, request_id, person_id).await?;
    }
    let counts: Map<String, Value> = reads
        .iter()
        .map(|r| (r.section.table.to_owned(), Value::from(r.rows.len())))
        .collect();
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "person.subject_access_exported",
            entity: "person",
            entity_id: Some(person_id),
            changes: json!({"request_id": request_id, "rows": counts}),
        },
    )
    .await?;
    let folder = new_folder(out_dir, today)?;
    let json_file = folder.join("subject-access.json");
    let html_file = folder.join("subject-access.html");
    let written =
        std::fs::write(&json_file, json_text).and_then(|()| std::fs::write(&html_file, html_text));
    if let Err(err) = written {
        let _ = std::fs::remove_dir_all(&folder);
        return Err(Error::internal(format!(
            "The export could not be written to {}: {err}",
            folder.display()
        )));
    }
    if let Err(err) = tx.commit().await {
        let _ = std::fs::remove_dir_all(&folder);
        return Err(err.into());
    }
    Ok(SarExport {
        folder: folder.display().to_string(),
        json_file: json_file.display().to_string(),
        html_file: html_file.display().to_string(),
        sections: reads
            .iter()
            .map(|r| SarSection {
                table: r.section.table.to_owned(),
                heading: r.section.heading.to_owned(),
                rows: u32::try_from(r.rows.len()).unwrap_or(u32::MAX),
            })
            .collect(),
    })
}

/// `subject-access-<date>`, or `-2`, `-3`... when that exists: never an existing folder.
fn new_folder(out_dir: &Path, today: time::Date) -> Result<PathBuf> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("subject-access-{today}")
        } else {
            format!("subject-access-{today}-{n}")
        };
        let path = out_dir.join(name);
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => {
                return Err(Error::internal(format!(
                    "A folder could not be made in {}: {err}",
                    out_dir.display()
                )))
            }
        }
    }
    Err(Error::conflict(format!(
        "{} already holds too many subject access exports for today",
        out_dir.display()
    )))
}

fn render_json(
    reads: &[Read],
    forum_name: &str,
    person_id: &str,
    prepared_at: &str,
) -> Result<String> {
    let sections: Vec<Value> = reads
        .iter()
        .map(|r| {
            json!({
                "table": r.section.table,
                "heading": r.section.heading,
                "rows": r.rows,
            })
        })
        .collect();
    let not_exported: Vec<Value> = NOT_EXPORTED
        .iter()
        .map(|(table, reason)| json!({"table": table, "reason": reason}))
        .collect();
    let doc = json!({
        "format": "forumdesk-subject-access",
        "version": 1,
        "forum": forum_name,
        "person_id": person_id,
        "prepared_at": prepared_at,
        "sections": sections,
        "not_exported": not_exported,
    });
    serde_json::to_string_pretty(&doc).map_err(|e| Error::internal(e.to_string()))
}

/// "joined_on" → "Joined on".
fn label(column: &str) -> String {
    validate::capitalise_first(&column.replace('_', " "))
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#0b0c0c;\
line-height:1.4;max-width:70rem}\
h2{margin-top:2rem;border-top:2px solid #b1b4b6;padding-top:1rem}\
table{border-collapse:collapse;margin:0 0 1rem;width:100%}\
th,td{border:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top;\
overflow-wrap:anywhere}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}\
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\
.empty{color:#505a5f}\
@media print{body{margin:0}h2{break-after:avoid}tr,dl{break-inside:avoid}}";

fn render_html(reads: &[Read], forum_name: &str, today: time::Date) -> String {
    let mut out = String::new();
    let title = format!("The personal data {forum_name} holds about you");
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main><h1>{}</h1>",
        escape(&title),
        escape(&title)
    );
    let _ = write!(
        out,
        "<p>Prepared on {} in answer to a request for a copy of your personal data (a \
         subject access request under Article 15 of the UK GDPR). It shows everything we \
         hold about you, under the headings below. The file subject-access.json beside this \
         page holds the same, in a form a computer can read.</p>",
        escape(&validate::long_date(today))
    );
    out.push_str("<nav aria-label=\"Contents\"><h2>Contents</h2><ul>");
    for (i, r) in reads.iter().enumerate() {
        let _ = write!(
            out,
            "<li><a href=\"#s{i}\">{}</a> ({})</li>",
            escape(r.section.heading),
            match r.rows.len() {
                0 => "nothing held".to_owned(),
                1 => "1 entry".to_owned(),
                n => format!("{n} entries"),
            }
        );
    }
    out.push_str("</ul></nav>");
    for (i, r) in reads.iter().enumerate() {
        let _ = write!(
            out,
            "<section aria-labelledby=\"s{i}\"><h2 id=\"s{i}\">{}</h2><p>{}</p>",
            escape(r.section.heading),
            escape(r.section.intro)
        );
        if r.rows.is_empty() {
            out.push_str("<p class=\"empty\">We hold nothing under this heading.</p>");
        } else if r.section.single {
            for row in &r.rows {
                out.push_str("<dl>");
                for column in &r.columns {
                    let value = row.get(column).map(cell).unwrap_or_default();
                    let _ = write!(
                        out,
                        "<dt>{}</dt><dd>{}</dd>",
                        escape(&label(column)),
                        if value.is_empty() {
                            "<span class=\"empty\">Not recorded</span>".to_owned()
                        } else {
                            escape(&value)
                        }
                    );
                }
                out.push_str("</dl>");
            }
        } else {
            out.push_str("<table><thead><tr>");
            for column in &r.columns {
                let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&label(column)));
            }
            out.push_str("</tr></thead><tbody>");
            for row in &r.rows {
                out.push_str("<tr>");
                for column in &r.columns {
                    let value = row.get(column).map(cell).unwrap_or_default();
                    let _ = write!(out, "<td>{}</td>", escape(&value));
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>");
        }
        out.push_str("</section>");
    }
    out.push_str(
        "<section aria-labelledby=\"not-included\"><h2 id=\"not-included\">What this copy \
         leaves out, and why</h2><ul>",
    );
    for (table, reason) in NOT_EXPORTED {
        let _ = write!(
            out,
            "<li><strong>{}</strong>: {}</li>",
            escape(&label(table)),
            escape(reason)
        );
    }
    out.push_str("</ul></section></main></body></html>\n");
    out
}
