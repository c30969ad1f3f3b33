//! Column choices remembered for files with the same heading row. The volunteer's mapping
//! for the forum's spreadsheet is saved once and used for every later file laid out the
//! same way, instead of the automatic matching they had to correct.

use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::import::Mapping;
use crate::session::Session;
use crate::{id, Error, ErrorKind, Result};

/// The longest heading row (as its JSON key, in characters) whose choices can be saved: far
/// more than any real spreadsheet's headings, few enough that a hostile file cannot fill
/// the database through its heading row. The table checks the same limit.
pub const MAX_HEADINGS_CHARS: usize = 16_384;

/// When, and by whom, the choices for these headings were saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SavedMapping.ts")]
pub struct SavedMapping {
    pub saved_at: String,
    /// The user's display name.
    pub saved_by: String,
}

/// Saved choices as stored; [`Stored::mapping`] checks they still fit.
pub(super) struct Stored {
    mapping: String,
    pub info: SavedMapping,
}

impl Stored {
    /// The saved choices, or why they cannot be used for these headings (written, perhaps,
    /// by another version of ForumDesk that knew other member details).
    pub(super) fn mapping(&self, headers: &[String]) -> std::result::Result<Mapping, String> {
        let mapping: Mapping = serde_json::from_str(&self.mapping).map_err(|_| {
            "they name a member detail this version of ForumDesk does not know".to_owned()
        })?;
        // The key fixes the number of columns, so this is a mapping the table's checks
        // could not see, such as one field chosen for two columns.
        mapping
            .check(headers)
            .map_err(|_| "they no longer fit these columns".to_owned())?;
        Ok(mapping)
    }
}

/// The key for a heading row: its headings trimmed and in lower case, as a JSON array.
/// `None` when the row is too long to save choices for.
pub(super) fn key(headers: &[String]) -> Option<String> {
    let headings: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let key = serde_json::Value::from(headings).to_string();
    (key.chars().count() <= MAX_HEADINGS_CHARS).then_some(key)
}

/// The refusal when the user asks to save choices for a heading row over the limit.
pub(super) fn too_long() -> Error {
    let message = format!(
        "This file's headings are too long to remember (more than {} characters in all). \
         Untick \"Remember these column choices\" to import it without saving them.",
        MAX_HEADINGS_CHARS
    );
    let mut error = Error::new(ErrorKind::Validation, message.clone());
    error.fields.insert("saveMapping".to_owned(), message);
    error
}

pub(super) async fn find(conn: &mut SqliteConnection, key: &str) -> Result<Option<Stored>> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT m.mapping, m.saved_at, u.display_name FROM import_mappings m \
         JOIN users u ON u.id = m.saved_by WHERE m.headings = ?",
    )
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(mapping, saved_at, saved_by)| Stored {
        mapping,
        info: SavedMapping { saved_at, saved_by },
    }))
}

/// Saves `mapping` for the heading row `key`, replacing any choices saved before, with an
/// audit entry that names no heading (a heading can be anything, even someone's name).
pub(super) async fn save(
    conn: &mut SqliteConnection,
    s: &Session,
    key: &str,
    mapping: &Mapping,
) -> Result<()> {
    let json = serde_json::to_string(mapping).map_err(|e| Error::internal(e.to_string()))?;
    let id: String = sqlx::query_scalar(
        "INSERT INTO import_mappings (id, headings, mapping, saved_by, saved_at) \
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (headings) DO UPDATE SET \
         mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at \
         RETURNING id",
    )
    .bind(id::new_id())
    .bind(key)
    .bind(json)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .fetch_one(&mut *conn)
    .await?;
    let mapped = mapping.0.iter().filter(|f| f.is_some()).count();
    audit::append(
        conn,
        Entry {
            actor_id: Some(s.user_id()),
            action: "import_mapping.saved",
            entity: "import_mapping",
            entity_id: Some(&id),
            changes: json!({"columns": mapping.0.len(), "mapped": mapped}),
        },
    )
    .await
}
