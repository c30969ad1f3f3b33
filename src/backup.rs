//! Backups: one file holding an encrypted, consistent copy of the database and the key
//! slots needed to open it. The copy is taken while the app may be open (SQLCipher's
//! `sqlcipher_export` inside one read transaction), and a restore checks everything before
//! it replaces anything.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::crypto::Keyfile;
use crate::role::Action;
use crate::session::Session;
use crate::storage::{self, close_connection};
use crate::vault::{UnlockInput, Vault};
use crate::{id, paths, Error, ErrorKind, Result};

const MAGIC: &[u8] = b"FORUMDESK-BACKUP\n";
const FORMAT: u32 = 1;
const MAX_HEADER: u64 = 1024 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    format: u32,
    created_at: String,
    db_bytes: u64,
    db_sha256: String,
    keyfile: Keyfile,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BackupReport.ts")]
pub struct BackupReport {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
    pub created_at: String,
}

pub async fn create(s: &Session, out: &Path) -> Result<BackupReport> {
    s.require(Action::CreateBackup)?;
    let export = paths::sibling(out, ".export-tmp");
    let result = export_and_pack(s, out, &export).await;
    let _ = std::fs::remove_file(&export);
    let report = result?;
    let mut tx = s.db().write().await?;
    let changes = json!({"bytes": report.bytes, "sha256": report.sha256});
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "backup.created",
            entity: "forum",
            entity_id: None,
            changes,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

async fn export_and_pack(s: &Session, out: &Path, export: &Path) -> Result<BackupReport> {
    let _ = std::fs::remove_file(export);
    let mut conn = s.db().extra_connection(s.key()).await?;
    let exported = async {
        sqlx::query("ATTACH DATABASE ? AS backup KEY ?")
            .bind(export.to_string_lossy().as_ref())
            .bind(s.key().raw_literal().as_str())
            .execute(&mut conn)
            .await?;
        // One transaction: every table is copied as of the same moment.
        sqlx::query("BEGIN").execute(&mut conn).await?;
        sqlx::query("SELECT sqlcipher_export('backup')")
            .execute(&mut conn)
            .await?;
        sqlx::query("COMMIT").execute(&mut conn).await?;
        sqlx::query("DETACH DATABASE backup")
            .execute(&mut conn)
            .await?;
        Ok::<_, Error>(())
    }
    .await;
    close_connection(conn).await;
    exported?;

    let mut keyfile = s.vault().load_keyfile()?;
    keyfile.throttle = Default::default();
    let (db_bytes, db_sha256) = hash_file(export)?;
    let created_at = id::now_rfc3339();
    let header = Header {
        format: FORMAT,
        created_at: created_at.clone(),
        db_bytes,
        db_sha256,
        keyfile,
    };
    let tmp = paths::sibling(out, ".tmp");
    {
        let mut file = File::create(&tmp)?;
        file.write_all(MAGIC)?;
        serde_json::to_writer(&mut file, &header)
            .map_err(|e| Error::internal(format!("The backup header could not be written: {e}")))?;
        file.write_all(b"\n")?;
        std::io::copy(&mut File::open(export)?, &mut file)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, out)?;
    let (bytes, sha256) = hash_file(out)?;
    Ok(BackupReport {
        path: out.display().to_string(),
        bytes,
        sha256,
        created_at,
    })
}

/// Restores `backup` to `to`. Needs the user name and password of an account in the backup:
/// the database is opened, its integrity and audit trail checked, and only then is anything
/// at `to` moved aside (never deleted) and replaced.
pub async fn restore(backup: &Path, to: &Path, username: &str, password: &str) -> Result<PathBuf> {
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let staged = paths::sibling(to, ".restore-tmp");
    let staged_vault = Vault::new(&staged);
    let result = stage_and_check(backup, &staged_vault, username, password).await;
    if let Err(err) = result {
        remove_database_files(&staged_vault);
        return Err(err);
    }
    let target = Vault::new(to);
    let stamp = id::now_utc().unix_timestamp();
    for from in database_files(&target) {
        if from.exists() {
            std::fs::rename(
                &from,
                paths::sibling(&from, &format!(".before-restore-{stamp}")),
            )?;
        }
    }
    std::fs::rename(staged_vault.db_path(), target.db_path())?;
    std::fs::rename(staged_vault.keyfile_path(), target.keyfile_path())?;
    Ok(to.to_owned())
}

async fn stage_and_check(
    backup: &Path,
    staged: &Vault,
    username: &str,
    password: &str,
) -> Result<()> {
    remove_database_files(staged);
    let bad = |why: &str| {
        Error::new(
            ErrorKind::Validation,
            format!(
                "{} is not a usable ForumDesk backup: {why}.",
                backup.display()
            ),
        )
    };
    let mut reader = BufReader::new(File::open(backup).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::not_found(format!("There is no file at {}.", backup.display()))
        }
        _ => Error::from(e),
    })?);
    let mut magic = vec![0u8; MAGIC.len()];
    if reader.read_exact(&mut magic).is_err() || magic != MAGIC {
        return Err(bad("it does not start like one"));
    }
    let mut line = Vec::new();
    (&mut reader)
        .take(MAX_HEADER)
        .read_until(b'\n', &mut line)?;
    let header: Header = serde_json::from_slice(&line).map_err(|_| bad("its header is damaged"))?;
    if header.format != FORMAT {
        return Err(bad("it was made by a newer version of ForumDesk"));
    }
    let mut hasher = Sha256::new();
    let mut written = 0u64;
    {
        let mut out = File::create(staged.db_path())?;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = reader.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
            written += n as u64;
        }
        out.sync_all()?;
    }
    if written != header.db_bytes || hex::encode(hasher.finalize()) != header.db_sha256 {
        return Err(bad(
            "its contents do not match its checksum (the file is damaged or incomplete)",
        ));
    }
    header.keyfile.save(staged.keyfile_path())?;

    let session = staged
        .unlock(UnlockInput {
            username: username.to_owned(),
            password: password.to_owned(),
        })
        .await?;
    let checked = async {
        let mut conn = session.db().extra_connection(session.key()).await?;
        let integrity = storage::check_integrity(&mut conn).await;
        let chain = audit::verify_chain(&mut conn).await;
        close_connection(conn).await;
        integrity?;
        let chain = chain?;
        if !chain.intact {
            return Err(bad(&format!(
                "its audit trail has been altered ({})",
                chain.problem.unwrap_or_default()
            )));
        }
        let mut tx = session.db().write().await?;
        let changes = json!({"from_backup_created_at": header.created_at});
        audit::append(
            &mut tx,
            Entry {
                actor_id: Some(session.user_id()),
                action: "backup.restored",
                entity: "forum",
                entity_id: None,
                changes,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    session.lock().await;
    checked
}

/// The database, its WAL and shared-memory files, and its key file.
fn database_files(vault: &Vault) -> [PathBuf; 4] {
    let db = vault.db_path();
    [
        db.to_owned(),
        paths::sibling(db, "-wal"),
        paths::sibling(db, "-shm"),
        vault.keyfile_path().to_owned(),
    ]
}

fn remove_database_files(vault: &Vault) {
    for path in database_files(vault) {
        let _ = std::fs::remove_file(path);
    }
}

fn hash_file(path: &Path) -> Result<(u64, String)> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher)?;
    Ok((bytes, hex::encode(hasher.finalize())))
}
