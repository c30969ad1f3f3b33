//! `forumdesk members import | search | export`, and the membership changes in
//! [`super::membership`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::members::export::{self, ExportFormat, ExportInput};
use crate::members::import::{self, DuplicatePolicy, ImportOptions};
use crate::members::search::{self, MemberQuery};
use crate::{Error, Result, Session};

#[derive(Subcommand)]
pub enum MembersCommand {
    /// Import members from a CSV or XLSX file
    Import {
        file: PathBuf,
        /// Check everything and report, but change nothing
        #[arg(long)]
        dry_run: bool,
        /// Import nothing unless every row is valid
        #[arg(long)]
        all_or_nothing: bool,
        /// Fill in existing members' blank details from rows that match them (default: skip)
        #[arg(long)]
        merge_duplicates: bool,
        /// Print one JSON object: rows, created, updated, duplicates, rejected, problems
        #[arg(long)]
        json: bool,
    },
    /// Find members by name, e-mail, phone or postcode
    Search {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// Write a mailing list of the people who agreed to a purpose (.csv or .xlsx)
    Export {
        /// The consent purpose, e.g. email_news
        #[arg(long)]
        purpose: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Add children's needs and equality columns (admins only)
        #[arg(long)]
        include_special: bool,
    },
    #[command(flatten)]
    Membership(super::membership::MembershipCommand),
}

pub async fn run(session: &Session, command: MembersCommand) -> Result<ExitCode> {
    match command {
        MembersCommand::Membership(command) => super::membership::run(session, command).await?,
        MembersCommand::Import {
            file,
            dry_run,
            all_or_nothing,
            merge_duplicates,
            json,
        } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Error::not_found(format!("{} could not be read: {e}", file.display()))
            })?;
            let options = ImportOptions {
                mapping: None,
                dry_run,
                all_or_nothing,
                duplicates: if merge_duplicates {
                    DuplicatePolicy::Merge
                } else {
                    DuplicatePolicy::Skip
                },
                save_mapping: false,
            };
            let report = import::import(session, &file.to_string_lossy(), &bytes, options).await?;
            if json {
                let text = serde_json::to_string(&report.summary())
                    .map_err(|e| Error::internal(e.to_string()))?;
                println!("{text}");
            } else {
                for problem in &report.problems {
                    println!("{problem}");
                }
                let verb = if report.applied {
                    "Imported"
                } else if dry_run {
                    "Dry run: would import"
                } else {
                    "Nothing imported: would have imported"
                };
                println!(
                    "{verb} {} new and updated {} of {} rows; {} duplicates, {} rejected.",
                    report.created, report.updated, report.rows, report.duplicates, report.rejected
                );
            }
            // Refused as a whole ("all or nothing" met a bad row): that is a failure.
            if !report.applied && !dry_run {
                return Ok(ExitCode::FAILURE);
            }
        }
        MembersCommand::Search { query, json } => {
            let query = MemberQuery {
                text: query,
                page_size: search::MAX_PAGE_SIZE,
                ..Default::default()
            };
            let page = search::search(session, &query).await?;
            if json {
                let text = serde_json::to_string(&page.members)
                    .map_err(|e| Error::internal(e.to_string()))?;
                println!("{text}");
            } else {
                // The id comes last, so scripts that read the first five columns still work.
                println!("NAME\tEMAIL\tPHONE\tPOSTCODE\tSTATUS\tID");
                for m in &page.members {
                    let text = |v: &Option<String>| v.clone().unwrap_or_default();
                    println!(
                        "{} {}\t{}\t{}\t{}\t{}\t{}",
                        m.first_name,
                        m.last_name,
                        text(&m.email),
                        text(&m.phone_display),
                        text(&m.postcode),
                        m.status.as_str(),
                        m.id
                    );
                }
                if page.total > i64::from(page.page_size) {
                    eprintln!(
                        "Showing {} of {} matches: type more to narrow the search.",
                        page.members.len(),
                        page.total
                    );
                }
            }
        }
        MembersCommand::Export {
            purpose,
            out,
            include_special,
        } => {
            let format = match out.extension().and_then(|e| e.to_str()) {
                Some(ext) if ext.eq_ignore_ascii_case("xlsx") => ExportFormat::Xlsx,
                _ => ExportFormat::Csv,
            };
            let file = export::mailing_list(
                session,
                &ExportInput {
                    purpose,
                    format,
                    include_special,
                },
            )
            .await?;
            std::fs::write(&out, &file.bytes)?;
            let noun = if file.rows == 1 { "person" } else { "people" };
            println!("Wrote {} {noun} to {}.", file.rows, out.display());
            if file.missing_contact > 0 {
                eprintln!("{} people agreed but have no contact detail for this channel, so they are not in the list.", file.missing_contact);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
