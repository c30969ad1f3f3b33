//! `forumdesk drives list | results DRIVE`: recruitment drives and what they achieved, for
//! scripts and for officers who would rather not open the app. Results are an export, so
//! every count under 5 is "fewer than 5" (JSON: `null` with `"suppressed": true`).

use std::process::ExitCode;

use clap::Subcommand;

use crate::drives::drive;
use crate::drives::results;
use crate::{Error, Result, Session};

#[derive(Subcommand)]
pub enum DrivesCommand {
    /// List drives, the latest first, with their sign-up counts
    List {
        /// Print a JSON array of drives
        #[arg(long)]
        json: bool,
    },
    /// A drive's results: sign-ups, new members and how fast, by area and need, cost per
    /// new member (counts under 5 are shown as "fewer than 5")
    Results {
        /// The drive's id, or its exact name
        drive: String,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
}

fn json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| Error::internal(e.to_string()))
}

pub async fn run(session: &Session, command: DrivesCommand) -> Result<ExitCode> {
    match command {
        DrivesCommand::List { json: as_json } => {
            let list = drive::list(session).await?;
            if as_json {
                println!("{}", json(&list)?);
            } else if list.is_empty() {
                println!("No drives yet.");
            } else {
                println!("STARTS\tNAME\tVENUE\tAREA\tSIGN-UPS\tTO REVIEW\tID");
                for d in &list {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        d.starts_on,
                        d.name,
                        d.venue,
                        d.area_name.as_deref().unwrap_or(""),
                        d.signups,
                        d.pending,
                        d.id
                    );
                }
            }
        }
        DrivesCommand::Results {
            drive,
            json: as_json,
        } => {
            let found = drive::find(session, &drive).await?;
            let export = results::export(session, &found.id).await?;
            if as_json {
                println!("{}", json(&export)?);
            } else {
                print!("{}", export.to_text());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
