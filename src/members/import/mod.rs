//! Importing members from the old spreadsheet, the database half: each row goes through the
//! same checks as the member form, problems are reported by row and column, duplicates
//! (within the file and against existing members) are found, and everything happens in one
//! transaction, so an import either lands as reported or not at all.

mod check;
mod context;
mod indexes;
mod saved;
mod write;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::duplicates::{self, Probe};
use crate::audit::{self, Entry};
use crate::import::{table, Mapping, Problem, Table};
use crate::role::Action;
use crate::session::Session;
use crate::{storage, Error, Result};
use check::Checker;
use context::Context;
use write::Pending;

pub use saved::{SavedMapping, MAX_HEADINGS_CHARS};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "DuplicatePolicy.ts")]
pub enum DuplicatePolicy {
    /// Leave the existing member as they are and report the row.
    #[default]
    Skip,
    /// Fill the existing member's blank fields from the row and add its consent answers.
    Merge,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ImportOptions.ts")]
pub struct ImportOptions {
    /// The user's own column mapping; `None` uses the choices saved for these headings, if
    /// any, or else maps the headings automatically.
    pub mapping: Option<Mapping>,
    /// Check everything and report, but change nothing.
    pub dry_run: bool,
    /// Import nothing unless every row is valid.
    pub all_or_nothing: bool,
    pub duplicates: DuplicatePolicy,
    /// Remember the mapping used for files with the same headings. Saved only when the
    /// import is applied: a preview promises to change nothing, and choices for a file the
    /// user then abandoned were never confirmed.
    pub save_mapping: bool,
}

/// Where the mapping an import used came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "MappingSource.ts")]
pub enum MappingSource {
    /// The user's own choices, sent with the request.
    Chosen,
    /// The choices saved for files with these headings.
    Saved,
    /// The headings matched to fields by name.
    Automatic,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImportReport.ts")]
pub struct ImportReport {
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    pub duplicates: u32,
    pub rejected: u32,
    pub problems: Vec<Problem>,
    /// The mapping used, so the user can check and change it.
    pub mapping: Mapping,
    pub headers: Vec<String>,
    /// False for a dry run, and when "all or nothing" met a bad row.
    pub applied: bool,
    pub mapping_source: MappingSource,
    /// When choices are saved for these headings: when and by whom, whether or not they
    /// were used.
    pub saved_mapping: Option<SavedMapping>,
    /// Why the choices saved for these headings were not used, when they no longer fit.
    pub saved_mapping_problem: Option<String>,
    /// True when this import saved its mapping for files with the same headings.
    pub mapping_saved: bool,
}

/// How far an import (or its dry run) has got, reported as it goes so a large file shows a
/// real progress bar rather than a spinner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImportProgress.ts")]
pub struct ImportProgress {
    /// Rows checked and, unless this is a dry run, stored (or set aside as problems).
    pub rows_done: u32,
    pub rows_total: u32,
    /// So a listener can tell a preview's progress from the real import's.
    pub dry_run: bool,
}

/// Reads `bytes` (CSV or XLSX) and imports it.
pub async fn import(
    s: &Session,
    file_name: &str,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ImportReport> {
    import_with_progress(s, file_name, bytes, options, |_| {}).await
}

/// As [`import`], calling `progress` once before the first row (with nothing done) and again
/// after each batch of rows, with counts that only rise and end at the file's row count.
pub async fn import_with_progress(
    s: &Session,
    file_name: &str,
    bytes: &[u8],
    options: ImportOptions,
    progress: impl Fn(ImportProgress) + Send + Sync,
) -> Result<ImportReport> {
    s.require(Action::ImportMembers)?;
    let table = Arc::new(table::read(file_name, bytes)?);
    let key = saved::key(&table.headers);
    if options.save_mapping && key.is_none() {
        return Err(saved::too_long());
    }
    let stored = match &key {
        Some(key) => saved::find(&mut *s.db().reader().acquire().await?, key).await?,
        None => None,
    };
    let (mapping, source, saved_problem) =
        choose_mapping(options.mapping.clone(), stored.as_ref(), &table.headers);
    mapping.check(&table.headers)?;
    let mut tx = s.db().write().await?;
    let cache = storage::begin_bulk_write(&mut tx).await?;
    let deferred = indexes::defer(&mut tx, table.rows.len(), options.duplicates).await?;
    let report_progress = |rows_done| {
        progress(ImportProgress {
            rows_done,
            rows_total: count(table.rows.len()),
            dry_run: options.dry_run,
        })
    };
    let ran = run(
        &mut tx,
        s,
        file_name,
        Arc::clone(&table),
        &mapping,
        options.duplicates,
        &report_progress,
    )
    .await;
    // Everything up to the commit, with the import's page cache: rebuilding the indexes
    // reads the whole people table, and with the usual small cache it would read it from
    // the encrypted file again, page by page.
    let finished = async {
        let mut report = ran?;
        report.mapping_source = source;
        report.saved_mapping = stored.map(|stored| stored.info);
        report.saved_mapping_problem = saved_problem;
        report.problems.sort_by_key(|p| p.row);
        let refused = options.all_or_nothing && report.rejected > 0;
        report.applied = !options.dry_run && !refused;
        if !report.applied {
            drop(deferred); // the rollback puts the indexes back
            if !options.dry_run {
                report.created = 0;
                report.updated = 0;
            }
            return Ok(report);
        }
        indexes::rebuild(&mut tx, deferred).await?;
        if let (true, Some(key)) = (options.save_mapping, &key) {
            saved::save(&mut tx, s, key, &mapping).await?;
            report.mapping_saved = true;
        }
        let changes = json!({"file_rows": report.rows, "created": report.created, "updated": report.updated, "duplicates": report.duplicates, "rejected": report.rejected});
        audit::append(
            &mut tx,
            Entry {
                actor_id: Some(s.user_id()),
                action: "members.imported",
                entity: "import",
                entity_id: None,
                changes,
            },
        )
        .await?;
        Ok::<_, Error>(report)
    }
    .await;
    storage::end_bulk_write(&mut tx, cache).await?;
    let report = finished?;
    if !report.applied {
        drop(tx); // rolls back
        return Ok(report);
    }
    storage::pause_checkpoints(&mut tx).await?;
    let committed = tx.commit().await;
    s.db().resume_checkpoints().await;
    committed?;
    Ok(report)
}

/// The user's own mapping if they sent one; else the choices saved for these headings if
/// they still fit (with the reason when they do not); else the automatic one.
fn choose_mapping(
    chosen: Option<Mapping>,
    stored: Option<&saved::Stored>,
    headers: &[String],
) -> (Mapping, MappingSource, Option<String>) {
    if let Some(mapping) = chosen {
        return (mapping, MappingSource::Chosen, None);
    }
    let automatic = || Mapping::auto(headers);
    match stored.map(|stored| stored.mapping(headers)) {
        Some(Ok(mapping)) => (mapping, MappingSource::Saved, None),
        Some(Err(reason)) => (
            automatic(),
            MappingSource::Automatic,
            Some(format!(
                "The column choices saved for files with these headings could not be used \
                 ({reason}), so the headings were matched automatically. Check the choices \
                 before importing."
            )),
        ),
        None => (automatic(), MappingSource::Automatic, None),
    }
}

/// Checks every row and stores the good ones. A thread checks the rows a batch ahead while
/// the async side looks up existing duplicates and writes the batch before: the checks are
/// pure CPU work and the writes wait on SQLite, so on two cores they overlap.
async fn run(
    conn: &mut SqliteConnection,
    s: &Session,
    file_name: &str,
    table: Arc<Table>,
    mapping: &Mapping,
    policy: DuplicatePolicy,
    progress: &(dyn Fn(u32) + Send + Sync),
) -> Result<ImportReport> {
    progress(0);
    let context = Arc::new(Context::load(conn, file_name).await?);
    let problems = table.problems(Some(mapping));
    let unreadable = problems.iter().map(|p| p.row).collect();
    let mut report = ImportReport {
        rows: count(table.rows.len()),
        created: 0,
        updated: 0,
        duplicates: 0,
        rejected: 0,
        problems,
        mapping: mapping.clone(),
        headers: table.headers.clone(),
        applied: false,
        mapping_source: MappingSource::Automatic,
        saved_mapping: None,
        saved_mapping_problem: None,
        mapping_saved: false,
    };
    let (sender, mut batches) = tokio::sync::mpsc::channel(BATCHES_AHEAD);
    let checker = Checker::new(table, mapping.clone(), Arc::clone(&context), unreadable);
    let checking = tokio::task::spawn_blocking(move || {
        // A failed send: the writing side stopped on an error, which it reports.
        checker.check_all(BATCH, |batch| sender.blocking_send(batch).is_ok());
    });
    let import = write::Import {
        s,
        context: &context,
        policy,
    };
    let mut index = Vec::new();
    match policy {
        DuplicatePolicy::Skip => {
            let mut reader = s.db().reader().acquire().await?;
            let (to_writer, to_write) = tokio::sync::mpsc::channel(1);
            // Skipping changes no existing member, so a batch's duplicates are looked up
            // on a reader, which sees the members as they were before this import (its
            // rows are checked against each other by the checker). That side runs while
            // the writer stores the batch before: each waits on SQLite in turn, and the
            // writer, the import's slowest part, never waits for the lookups.
            let lookups = async {
                // Owned here, so the writer's loop ends when this side does, error or not.
                let to_writer = to_writer;
                let mut rows_done = 0;
                while let Some(mut batch) = batches.recv().await {
                    let probes: Vec<&Probe> = batch.rows.iter().map(|c| &c.probe).collect();
                    let found = duplicates::candidates_many(&mut reader, &probes).await?;
                    report.absorb(&mut batch);
                    let mut pending = Pending::new();
                    // Not `zip`: a row must never be dropped because a lookup came back short.
                    let mut found = found.into_iter();
                    for row in batch.rows {
                        let existing = found.next().unwrap_or_default();
                        write::queue(&import, &mut report, &mut pending, row, &existing)?;
                    }
                    if to_writer.send(pending).await.is_err() {
                        break; // the writer stopped on an error, which it reports
                    }
                    // Counted done once queued: the writer is at most a batch behind.
                    rows_done += batch.size;
                    progress(rows_done);
                }
                Ok::<_, Error>(())
            };
            let writes = async {
                // Owned here, so an error stops the lookups' next send instead of blocking it.
                let mut to_write = to_write;
                while let Some(pending) = to_write.recv().await {
                    write::write(conn, s, &context, pending, &mut index).await?;
                }
                Ok::<_, Error>(())
            };
            let (looked_up, written) = tokio::join!(lookups, writes);
            written?;
            looked_up?;
        }
        // Merging can give an existing member a new key, so each row is looked up on the
        // writer once the row before it is stored.
        DuplicatePolicy::Merge => {
            let mut rows_done = 0;
            while let Some(mut batch) = batches.recv().await {
                report.absorb(&mut batch);
                let mut pending = Pending::new();
                for row in batch.rows {
                    let existing = duplicates::candidates(conn, &row.probe, None).await?;
                    write::store(conn, &import, &mut report, &mut pending, row, existing).await?;
                }
                write::write(conn, s, &context, pending, &mut index).await?;
                rows_done += batch.size;
                progress(rows_done);
            }
        }
    }
    super::search::index_new(conn, &index).await?;
    checking
        .await
        .map_err(|_| Error::internal("Checking the file's rows stopped unexpectedly."))?;
    Ok(report)
}

fn count(rows: usize) -> u32 {
    u32::try_from(rows).unwrap_or(u32::MAX)
}

/// Rows are checked, looked up and written this many at a time.
const BATCH: usize = 500;

/// How many checked batches may wait for the writer: enough to keep both sides busy, few
/// enough that a large file's checked rows are not all held in memory at once.
const BATCHES_AHEAD: usize = 2;

/// For the CLI's `--json`: exactly the shape scripts rely on.
#[derive(Serialize)]
pub struct ImportSummary<'a> {
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    pub duplicates: u32,
    pub rejected: u32,
    pub problems: &'a [Problem],
}

impl ImportReport {
    /// Takes in what checking a batch found: problems, rejected rows, repeats within the file.
    fn absorb(&mut self, batch: &mut check::CheckedBatch) {
        self.problems.append(&mut batch.problems);
        self.rejected += batch.rejected;
        self.duplicates += batch.duplicates;
    }

    pub fn summary(&self) -> ImportSummary<'_> {
        ImportSummary {
            rows: self.rows,
            created: self.created,
            updated: self.updated,
            duplicates: self.duplicates,
            rejected: self.rejected,
            problems: &self.problems,
        }
    }
}
