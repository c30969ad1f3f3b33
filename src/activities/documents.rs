//! Documents attached to an activity (minutes, reports, photos of flip charts), stored inside
//! the encrypted database so a lost laptop leaks them no more than the records, with a clear
//! size limit and a clear error past it.

use serde::Serialize;
use serde_json::json;
use sqlx::{FromRow, SqlitePool};
use ts_rs::TS;

use super::activity;
use crate::audit::{self, Entry};
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

/// 20 MB: a scanned set of minutes or a phone photo fits; a video does not, and a database
/// that every backup copies in full should not hold one.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;
const MAX_NAME: usize = 200;

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DocumentInfo.ts")]
pub struct DocumentInfo {
    pub id: String,
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: i64,
    pub added_at: String,
}

/// A document's content, to open or save back out.
#[derive(Debug, Clone)]
pub struct Document {
    pub file_name: String,
    pub media_type: String,
    pub content: Vec<u8>,
}

pub(crate) async fn of(db: &SqlitePool, activity_id: &str) -> Result<Vec<DocumentInfo>> {
    Ok(sqlx::query_as(
        "SELECT id, file_name, media_type, size, added_at FROM activity_documents \
         WHERE activity_id = ? ORDER BY added_at, id",
    )
    .bind(activity_id)
    .fetch_all(db)
    .await?)
}

/// The last part of a path, with characters no file system accepts replaced, so saving it
/// back out can never write outside the folder the user chose.
fn clean_name(file_name: &str) -> Result<String> {
    let base = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim();
    let name: String = base
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let name = name.trim_start_matches('.').trim().to_owned();
    if name.is_empty() {
        return Err(Error::field("file", "The file has no name"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::field(
            "file",
            format!("The file's name must be {MAX_NAME} characters or fewer"),
        ));
    }
    Ok(name)
}

/// The media type from the file's extension; the content is never run or rendered as
/// anything but what it says it is.
fn media_type(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "heic" => "image/heic",
        "txt" => "text/plain",
        "csv" => "text/csv",
        _ => "application/octet-stream",
    }
}

fn megabytes(bytes: usize) -> String {
    // For a message only: one decimal place is plenty.
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / (1024.0 * 1024.0);
    format!("{mb:.1} MB")
}

pub async fn add(
    s: &Session,
    activity_id: &str,
    file_name: &str,
    content: &[u8],
) -> Result<DocumentInfo> {
    s.require(Action::EditActivities)?;
    let file_name = clean_name(file_name)?;
    if content.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::field(
            "file",
            format!(
                "{file_name} is {}; a document can be at most {}. Save a smaller copy (for \
                 example a PDF instead of scanned photos) and attach that.",
                megabytes(content.len()),
                megabytes(MAX_DOCUMENT_BYTES)
            ),
        ));
    }
    if content.is_empty() {
        return Err(Error::field("file", format!("{file_name} is empty")));
    }
    let media_type = media_type(&file_name);
    let size = i64::try_from(content.len()).map_err(|e| Error::internal(e.to_string()))?;
    let mut tx = s.db().write().await?;
    activity::require_exists(&mut tx, activity_id).await?;
    let document_id = id::new_id();
    let added_at = id::now_rfc3339();
    sqlx::query(
        "INSERT INTO activity_documents (id, activity_id, file_name, media_type, size, content, \
         added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&document_id)
    .bind(activity_id)
    .bind(&file_name)
    .bind(media_type)
    .bind(size)
    .bind(content)
    .bind(s.user_id())
    .bind(&added_at)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "activity.document_added",
            entity: "activity",
            entity_id: Some(activity_id),
            changes: json!({"document_id": document_id, "size": size}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(DocumentInfo {
        id: document_id,
        file_name,
        media_type: media_type.to_owned(),
        size,
        added_at,
    })
}

/// A document's content. Reading one is audited: minutes can hold personal details.
pub async fn open(s: &Session, document_id: &str) -> Result<Document> {
    s.require(Action::ViewActivities)?;
    let row: Option<(String, String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT activity_id, file_name, media_type, content FROM activity_documents WHERE id = ?",
    )
    .bind(document_id)
    .fetch_optional(s.db().reader())
    .await?;
    let (activity_id, file_name, media_type, content) =
        row.ok_or_else(|| Error::not_found("That document does not exist."))?;
    let mut tx = s.db().write().await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "activity.document_opened",
            entity: "activity",
            entity_id: Some(&activity_id),
            changes: json!({ "document_id": document_id }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Document {
        file_name,
        media_type,
        content,
    })
}

pub async fn remove(s: &Session, document_id: &str) -> Result<()> {
    s.require(Action::EditActivities)?;
    let mut tx = s.db().write().await?;
    let activity_id: Option<String> =
        sqlx::query_scalar("DELETE FROM activity_documents WHERE id = ? RETURNING activity_id")
            .bind(document_id)
            .fetch_optional(&mut *tx)
            .await?;
    let activity_id =
        activity_id.ok_or_else(|| Error::not_found("That document does not exist."))?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "activity.document_removed",
            entity: "activity",
            entity_id: Some(&activity_id),
            changes: json!({ "document_id": document_id }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{clean_name, media_type};

    #[test]
    fn names_cannot_escape_the_folder_they_are_saved_to() {
        assert_eq!(clean_name("minutes.pdf").as_deref(), Ok("minutes.pdf"));
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Ok("passwd"));
        assert_eq!(
            clean_name("C:\\Users\\jo\\board.docx").as_deref(),
            Ok("board.docx")
        );
        assert_eq!(clean_name("a<b>:c|d?.txt").as_deref(), Ok("a_b__c_d_.txt"));
        assert_eq!(clean_name(".hidden").as_deref(), Ok("hidden"));
        assert!(clean_name("../").is_err());
        assert!(clean_name(&"x".repeat(201)).is_err());
    }

    #[test]
    fn unknown_extensions_are_plain_bytes() {
        assert_eq!(media_type("Minutes.PDF"), "application/pdf");
        assert_eq!(media_type("flipchart.jpeg"), "image/jpeg");
        assert_eq!(media_type("script.html"), "application/octet-stream");
        assert_eq!(media_type("noextension"), "application/octet-stream");
    }
}
