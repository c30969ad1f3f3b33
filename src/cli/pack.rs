//! `forumdesk pack export | import`: transfer packs of drive sign-ups between a drive laptop
//! and the main forum, and `forumdesk population import`: the population figures the reach
//! gap compares with. The pack passphrase comes from FORUMDESK_PACK_PASSPHRASE, or a prompt.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use super::secret;
use crate::drives::drive;
use crate::drives::pack::{self, PackExportInput};
use crate::drives::population::{self, PopulationSourceInput};
use crate::{Error, Result, Session};

#[derive(Subcommand)]
pub enum PackCommand {
    /// Write a drive's sign-ups to an encrypted transfer pack
    Export {
        /// The drive, by id or by name
        #[arg(long, value_name = "DRIVE")]
        drive: String,
        /// The pack file to write (it must not exist yet)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a transfer pack's sign-ups into the review queue (importing again adds nothing)
    Import {
        file: PathBuf,
        /// Print {"signups": N, "created": N, "already_imported": N, "duplicates": N}
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum PopulationCommand {
    /// Replace the population figures with a CSV (area,primary_need,age_band,children)
    Import {
        file: PathBuf,
        /// The year the figures describe, for example 2026
        #[arg(long)]
        year: i32,
        /// Where they come from, for example "DfE SEN2 2026"
        #[arg(long, default_value = "")]
        source: String,
        /// Print the import report as JSON
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(session: &Session, command: PackCommand) -> Result<ExitCode> {
    match command {
        PackCommand::Export { drive, out } => {
            let found = drive::find(session, &drive).await?;
            if out.exists() {
                return Err(Error::field(
                    "out",
                    format!(
                        "{} already exists. Choose another file name, or move the old pack away first.",
                        out.display()
                    ),
                ));
            }
            let (passphrase, confirm) = secret::new_pack_passphrase()?;
            let input = PackExportInput {
                passphrase: passphrase.to_string(),
                passphrase_confirm: confirm.to_string(),
            };
            let file = pack::export(session, &found.id, &input).await?;
            tokio::fs::write(&out, &file.bytes).await.map_err(|e| {
                Error::internal(format!(
                    "The pack could not be written to {}: {e}",
                    out.display()
                ))
            })?;
            println!(
                "Wrote {} sign-up{} of {:?} to {}.",
                file.signups,
                if file.signups == 1 { "" } else { "s" },
                found.name,
                out.display()
            );
            if file.left_out > 0 {
                eprintln!(
                    "{} sign-up{} merged into another record or discarded in review {} not in the pack.",
                    file.left_out,
                    if file.left_out == 1 { "" } else { "s" },
                    if file.left_out == 1 { "is" } else { "are" },
                );
            }
            eprintln!("Give the passphrase to whoever imports the pack separately from the file.");
        }
        PackCommand::Import {
            file,
            json: as_json,
        } => {
            let bytes = pack::read_file(&file).await?;
            let passphrase = secret::pack_passphrase()?;
            let name = file.to_string_lossy();
            let report = pack::import(session, &name, &bytes, &passphrase).await?;
            if as_json {
                let out = json!({
                    "signups": report.signups,
                    "created": report.created,
                    "already_imported": report.already_imported,
                    "duplicates": report.duplicates,
                });
                println!("{out}");
            } else {
                if report.drive_created {
                    println!("Added the drive {:?}.", report.drive_name);
                }
                println!(
                    "{} sign-ups in the pack: {} added to the review queue, {} already imported, \
                     {} may be someone already on record.",
                    report.signups, report.created, report.already_imported, report.duplicates
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn run_population(session: &Session, command: PopulationCommand) -> Result<ExitCode> {
    match command {
        PopulationCommand::Import {
            file,
            year,
            source,
            json: as_json,
        } => {
            let bytes = tokio::fs::read(&file).await.map_err(|e| {
                Error::not_found(format!("{} could not be read: {e}", file.display()))
            })?;
            let name = file.to_string_lossy();
            let input = PopulationSourceInput {
                year: Some(year),
                source,
            };
            let report = population::import(session, &name, &bytes, input).await?;
            if as_json {
                println!(
                    "{}",
                    serde_json::to_string(&report).map_err(|e| Error::internal(e.to_string()))?
                );
            }
            if !report.applied {
                eprintln!(
                    "forumdesk: nothing was imported: {} problem{} to fix in the file.",
                    report.problems.len(),
                    if report.problems.len() == 1 { "" } else { "s" }
                );
                for problem in &report.problems {
                    eprintln!("  {problem}");
                }
                return Ok(ExitCode::FAILURE);
            }
            if !as_json {
                println!(
                    "Imported {} population figures ({} children and young people).",
                    report.cells, report.total_children
                );
                if !report.ignored_columns.is_empty() {
                    eprintln!("Columns not read: {}.", report.ignored_columns.join(", "));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
