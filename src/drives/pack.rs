//! Transfer packs: a drive laptop often holds its own small ForumDesk database, and its
//! sign-ups travel to the forum's main one in a single encrypted file.
//!
//! [`export`] puts one drive and its sign-ups (pending or accepted; merged and discarded
//! ones no longer stand for a record of their own) in a pack, carrying only what the kiosk
//! collected: the sign-up's id and time, name, e-mail, phone, postcode, how they heard, the
//! consents ticked (purpose, statement version and text) and the children's age band, need
//! and support. Nothing else about the person goes, and nothing about any other member.
//!
//! [`import`] opens the pack (a wrong passphrase or a damaged file stops it before anything
//! is written), adds the drive if this forum does not have it, and stores each sign-up not
//! already here with [`kiosk::store_signup`], exactly as the kiosk would have; sign-ups whose
//! ids are already in `drive_signups` are skipped, so importing a pack again changes
//! nothing. Each new sign-up is checked against the existing members with the members'
//! duplicate rules and reported, for the review queue to merge. All in one transaction,
//! audited. See [`format`] for the file itself.

pub mod format;

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::kiosk::{self, KioskChild, SignUp, SignUpConsent};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::members::duplicates::{self, Probe};
use crate::members::model::{AgeBand, MemberType, Need, Provision};
use crate::role::Action;
use crate::session::Session;
use crate::{id, password, storage, Error, ErrorKind, Result};
use format::{PackContents, PackDrive, MAX_PACK_BYTES};

/// The passphrase a pack is sealed with, typed twice.
#[derive(Deserialize, TS, zeroize::Zeroize, zeroize::ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PackExportInput.ts")]
pub struct PackExportInput {
    pub passphrase: String,
    pub passphrase_confirm: String,
}

/// A pack made, ready to save: how many sign-ups it holds, and a file name to suggest.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PackFile.ts")]
pub struct PackFile {
    pub file_name: String,
    pub signups: u32,
    /// Sign-ups of the drive left out because they were merged into another record or
    /// discarded.
    pub left_out: u32,
    #[ts(skip)]
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// A sign-up from the pack that may be someone the forum already has.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PackDuplicate.ts")]
pub struct PackDuplicate {
    pub signup_id: String,
    /// The applicant the sign-up created.
    pub person_id: String,
    /// The existing records that look like the same person.
    pub existing_person_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PackImportReport.ts")]
pub struct PackImportReport {
    pub drive_id: String,
    pub drive_name: String,
    /// True when the drive was new to this forum and was added.
    pub drive_created: bool,
    /// Sign-ups in the pack.
    pub signups: u32,
    /// Sign-ups stored now (each an applicant in the review queue).
    pub created: u32,
    /// Sign-ups already here from an earlier import (or typed on this computer): skipped.
    pub already_imported: u32,
    /// Of those created, how many look like an existing member.
    pub duplicates: u32,
    pub duplicate_signups: Vec<PackDuplicate>,
}

/// Makes the pack for a drive, sealed with `input.passphrase`. Audited.
pub async fn export(s: &Session, drive_id: &str, input: &PackExportInput) -> Result<PackFile> {
    s.require(Action::ExportTransferPack)?;
    let drive: Option<PackDrive> =
        sqlx::query_as::<_, (String, String, String, Option<String>, String)>(
            "SELECT id, name, starts_on, ends_on, venue FROM drives WHERE id = ?",
        )
        .bind(drive_id)
        .fetch_optional(s.db().reader())
        .await?
        .map(|(id, name, starts_on, ends_on, venue)| PackDrive {
            id,
            name,
            starts_on,
            ends_on,
            venue,
        });
    let drive = drive.ok_or_else(|| Error::not_found("That drive does not exist."))?;
    check_passphrase(input, &drive.name)?;
    let mut conn = s.db().reader().acquire().await?;
    let (signups, left_out) = collected(&mut conn, &drive.id).await?;
    drop(conn);
    let contents = PackContents {
        made_at: id::now_rfc3339(),
        drive,
        signups,
    };
    let passphrase = zeroize::Zeroizing::new(input.passphrase.clone());
    let count = contents.signups.len();
    let file_name = file_name(&contents.drive);
    let bytes = tokio::task::spawn_blocking(move || format::seal(&contents, &passphrase))
        .await
        .map_err(|e| Error::internal(format!("The pack could not be made: {e}")))??;
    let mut tx = s.db().write().await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "pack.exported",
            entity: "drive",
            entity_id: Some(drive_id),
            changes: json!({"signups": count, "left_out": left_out}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(PackFile {
        file_name,
        signups: u32::try_from(count).unwrap_or(u32::MAX),
        left_out,
        bytes,
    })
}

/// The password rules, in a passphrase's words: at least 12 characters, not easy to guess,
/// typed the same twice.
fn check_passphrase(input: &PackExportInput, drive_name: &str) -> Result<()> {
    let mut errors = FieldErrors::default();
    password::check(
        &mut errors,
        "passphrase",
        &input.passphrase,
        "passphraseConfirm",
        &input.passphrase_confirm,
        &[drive_name, "forumdesk", "transfer pack"],
    );
    let Err(mut err) = errors.finish() else {
        return Ok(());
    };
    let reword = |m: &str| {
        m.replace("passwords", "passphrases")
            .replace("Password", "Passphrase")
            .replace("password", "passphrase")
    };
    err.message = reword(&err.message);
    for message in err.fields.values_mut() {
        *message = reword(message);
    }
    Err(err)
}

/// "Coffee morning 2026-11-21.fdpack", with characters file systems refuse replaced.
fn file_name(drive: &PackDrive) -> String {
    let name: String = drive
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    format!("{} {}.fdpack", name.trim(), drive.starts_on)
}

type SignUpRow = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    MemberType,
);

/// The drive's sign-ups as the kiosk collected them, and how many were left out.
async fn collected(conn: &mut SqliteConnection, drive_id: &str) -> Result<(Vec<SignUp>, u32)> {
    const KEPT: &str = "s.drive_id = ?1 AND s.status IN ('pending', 'accepted') \
                        AND p.erased_at IS NULL";
    let rows: Vec<SignUpRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.drive_id, s.signed_up_at, p.first_name, p.last_name, p.email, p.phone, \
         p.postcode, p.heard_about, m.member_type FROM drive_signups s \
         JOIN people p ON p.id = s.person_id JOIN memberships m ON m.person_id = p.id \
         WHERE {KEPT} ORDER BY s.signed_up_at, s.id"
    ))
    .bind(drive_id)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM drive_signups WHERE drive_id = ?")
        .bind(drive_id)
        .fetch_one(&mut *conn)
        .await?;
    // The consents the kiosk recorded with the sign-up (method kiosk, at its time) that
    // have not been withdrawn since: a pack must not bring back a consent taken away.
    let consents: Vec<(String, String, i32, String)> = sqlx::query_as(&format!(
        "SELECT s.id, e.purpose_id, e.statement_version, st.text FROM drive_signups s \
         JOIN people p ON p.id = s.person_id \
         JOIN consent_events e ON e.person_id = p.id AND e.method = 'kiosk' AND e.given = 1 \
         AND e.at = s.signed_up_at AND NOT EXISTS (SELECT 1 FROM consent_events w \
         WHERE w.person_id = e.person_id AND w.purpose_id = e.purpose_id AND w.given = 0 \
         AND w.id > e.id) \
         JOIN consent_statements st ON st.purpose_id = e.purpose_id \
         AND st.version = e.statement_version WHERE {KEPT} ORDER BY e.purpose_id"
    ))
    .bind(drive_id)
    .fetch_all(&mut *conn)
    .await?;
    let children: Vec<(String, Option<AgeBand>, Option<Need>, Provision)> =
        sqlx::query_as(&format!(
            "SELECT s.id, c.age_band, c.primary_need, c.provision FROM drive_signups s \
             JOIN people p ON p.id = s.person_id JOIN children c ON c.person_id = p.id \
             WHERE {KEPT} AND c.age_band IS NOT NULL ORDER BY c.created_at, c.id"
        ))
        .bind(drive_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut consents_of: HashMap<String, Vec<SignUpConsent>> = HashMap::new();
    for (signup, purpose_id, statement_version, statement_text) in consents {
        consents_of.entry(signup).or_default().push(SignUpConsent {
            purpose_id,
            statement_version,
            statement_text,
            given: true,
        });
    }
    let mut children_of: HashMap<String, Vec<KioskChild>> = HashMap::new();
    for (signup, age_band, primary_need, provision) in children {
        children_of.entry(signup).or_default().push(KioskChild {
            age_band,
            primary_need,
            provision: Some(provision),
        });
    }
    let kept = rows.len();
    let signups = rows
        .into_iter()
        .map(
            |(id, drive_id, signed_up_at, first, last, email, phone, postcode, heard, kind)| {
                SignUp {
                    consents: consents_of.remove(&id).unwrap_or_default(),
                    children: children_of.remove(&id).unwrap_or_default(),
                    id,
                    drive_id,
                    signed_up_at,
                    first_name: first,
                    last_name: last,
                    email: email.unwrap_or_default(),
                    phone: phone.unwrap_or_default(),
                    postcode: postcode.unwrap_or_default(),
                    heard_about: heard.unwrap_or_default(),
                    member_type: kind,
                }
            },
        )
        .collect();
    let left_out =
        u32::try_from(usize::try_from(total).unwrap_or(0).saturating_sub(kept)).unwrap_or(u32::MAX);
    Ok((signups, left_out))
}

/// Reads a pack file, refusing one too big to be a pack before reading it.
pub async fn read_file(path: &Path) -> Result<Vec<u8>> {
    let name = display_name(&path.to_string_lossy());
    let meta = tokio::fs::metadata(path).await.map_err(|e| {
        Error::new(
            ErrorKind::NotFound,
            format!("{name} could not be opened: {e}"),
        )
    })?;
    if meta.len() > MAX_PACK_BYTES as u64 {
        return Err(format::too_big(&name, meta.len()));
    }
    tokio::fs::read(path).await.map_err(|e| {
        Error::new(
            ErrorKind::NotFound,
            format!("{name} could not be read: {e}"),
        )
    })
}

/// The last path component, so messages name the file the user picked.
fn display_name(file_name: &str) -> String {
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if name.is_empty() {
        "The pack".to_owned()
    } else {
        name.to_owned()
    }
}

/// Imports a pack. `file_name` is recorded with each person made (their source) and names
/// the file in messages. Nothing is written unless the whole pack goes in.
pub async fn import(
    s: &Session,
    file_name: &str,
    bytes: &[u8],
    passphrase: &str,
) -> Result<PackImportReport> {
    s.require(Action::ImportTransferPack)?;
    let name = display_name(file_name);
    if bytes.len() > MAX_PACK_BYTES {
        return Err(format::too_big(&name, bytes.len() as u64));
    }
    let contents = {
        let (name, bytes) = (name.clone(), bytes.to_vec());
        let passphrase = zeroize::Zeroizing::new(passphrase.to_owned());
        tokio::task::spawn_blocking(move || format::open(&name, &bytes, &passphrase))
            .await
            .map_err(|e| Error::internal(format!("The pack could not be opened: {e}")))??
    };
    check_contents(&name, &contents)?;
    let now = id::now_rfc3339();
    let mut tx = s.db().write().await?;
    // A bigger page cache for the transaction, as the members import uses: thousands of
    // sign-ups touch the people, search and consent indexes all over.
    let cache = storage::begin_bulk_write(&mut tx).await?;
    let stored = store_all(&mut tx, s, &contents, &name, &now).await;
    storage::end_bulk_write(&mut tx, cache).await?;
    let report = stored?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "pack.imported",
            entity: "drive",
            entity_id: Some(&report.drive_id),
            changes: json!({
                "signups": report.signups,
                "created": report.created,
                "already_imported": report.already_imported,
                "duplicates": report.duplicates,
                "drive_created": report.drive_created,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// Adds the drive if it is new and stores every sign-up not already here, in the caller's
/// transaction.
async fn store_all(
    tx: &mut SqliteConnection,
    s: &Session,
    contents: &PackContents,
    name: &str,
    now: &str,
) -> Result<PackImportReport> {
    let imported_from = format!("{name} {now}");
    let source = format!("transfer pack: {imported_from}");
    let drive = &contents.drive;
    let known: Option<String> = sqlx::query_scalar("SELECT id FROM drives WHERE id = ?")
        .bind(&drive.id)
        .fetch_optional(&mut *tx)
        .await?;
    let drive_created = known.is_none();
    if drive_created {
        sqlx::query(
            "INSERT INTO drives (id, name, starts_on, ends_on, venue, notes, created_by, \
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&drive.id)
        .bind(&drive.name)
        .bind(&drive.starts_on)
        .bind(&drive.ends_on)
        .bind(&drive.venue)
        .bind(format!("Added from the transfer pack {name}."))
        .bind(s.user_id())
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let mut report = PackImportReport {
        drive_id: drive.id.clone(),
        drive_name: drive.name.clone(),
        drive_created,
        signups: u32::try_from(contents.signups.len()).unwrap_or(u32::MAX),
        created: 0,
        already_imported: 0,
        duplicates: 0,
        duplicate_signups: Vec::new(),
    };
    for (i, signup) in contents.signups.iter().enumerate() {
        let here: Option<String> = sqlx::query_scalar("SELECT id FROM drive_signups WHERE id = ?")
            .bind(&signup.id)
            .fetch_optional(&mut *tx)
            .await?;
        if here.is_some() {
            report.already_imported += 1;
            continue;
        }
        let person_id = kiosk::store_signup(tx, signup, s.user_id(), &source, Some(&imported_from))
            .await
            .map_err(|err| refused_signup(name, i, err))?;
        report.created += 1;
        let probe: Probe = sqlx::query_as(
            "SELECT first_name, last_name, preferred_name, email, phone, postcode FROM people \
             WHERE id = ?",
        )
        .bind(&person_id)
        .fetch_one(&mut *tx)
        .await?;
        let matches = duplicates::candidates(tx, &probe, Some(&person_id)).await?;
        if !matches.is_empty() {
            report.duplicates += 1;
            report.duplicate_signups.push(PackDuplicate {
                signup_id: signup.id.clone(),
                person_id,
                existing_person_ids: matches.into_iter().map(|m| m.person_id).collect(),
            });
        }
    }
    Ok(report)
}

/// The pack opened, so it was made by ForumDesk with this passphrase; still, its drive and
/// sign-ups must hang together before anything is written.
fn check_contents(name: &str, contents: &PackContents) -> Result<()> {
    let drive = &contents.drive;
    let dated = |d: &str| id::parse_date(d).is_some();
    let drive_ok = !drive.id.trim().is_empty()
        && drive.id.len() <= 64
        && !drive.name.trim().is_empty()
        && drive.name.chars().count() <= 200
        && drive.venue.chars().count() <= 200
        && dated(&drive.starts_on)
        && drive.ends_on.as_deref().is_none_or(dated);
    if !drive_ok || contents.signups.iter().any(|s| s.drive_id != drive.id) {
        return Err(format::damaged(name));
    }
    Ok(())
}

/// A sign-up the kiosk's own checks refuse: the pack is refused whole, saying which.
fn refused_signup(name: &str, index: usize, err: Error) -> Error {
    if err.kind == ErrorKind::Validation || err.kind == ErrorKind::NotFound {
        let detail = err
            .fields
            .values()
            .next()
            .cloned()
            .unwrap_or_else(|| err.message.clone());
        Error::new(
            ErrorKind::Validation,
            format!(
                "Sign-up {} in {name} cannot be stored ({detail}), so nothing from the pack was \
                 imported.",
                index + 1
            ),
        )
    } else {
        err
    }
}
