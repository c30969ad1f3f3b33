//! `forumdesk groups list | renewals`: the affiliated groups, for scripts and for officers
//! who would rather not open the app.

use std::process::ExitCode;

use clap::Subcommand;

use crate::groups::model::AffiliationStatus;
use crate::groups::organisation::{self, OrganisationFilter};
use crate::groups::renewals::{self, RenewalDue};
use crate::{Error, Result, Session};

#[derive(Subcommand)]
pub enum GroupsCommand {
    /// List organisations and their affiliation status
    List {
        /// Only this status: enquiry, applied, affiliated, renewal_due, lapsed, withdrawn or
        /// declined
        #[arg(long, value_name = "S", value_parser = parse_status)]
        status: Option<AffiliationStatus>,
        /// Print a JSON array of organisations
        #[arg(long)]
        json: bool,
    },
    /// Affiliations overdue for renewal, and those due in the next 60 days
    Renewals {
        /// Print one JSON object: {"overdue": [...], "dueSoon": [...], "windowDays": 60}
        #[arg(long)]
        json: bool,
    },
}

fn parse_status(text: &str) -> std::result::Result<AffiliationStatus, String> {
    AffiliationStatus::parse(&text.replace('-', "_")).ok_or_else(|| {
        let all: Vec<&str> = AffiliationStatus::ALL.iter().map(|s| s.as_str()).collect();
        format!("use one of {}", all.join(", "))
    })
}

fn json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::internal(e.to_string()))
}

pub async fn run(session: &Session, command: GroupsCommand) -> Result<ExitCode> {
    match command {
        GroupsCommand::List {
            status,
            json: as_json,
        } => {
            let filter = OrganisationFilter {
                status,
                ..Default::default()
            };
            let list = organisation::list(session, &filter).await?;
            if as_json {
                println!("{}", json(&list)?);
            } else {
                println!("NAME\tKIND\tSTATUS\tRENEWAL DUE\tAREAS\tID");
                for o in &list {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        o.name,
                        o.kind.label(),
                        o.status.map_or("no enquiry", |s| s.label()),
                        o.renewal_due_on.as_deref().unwrap_or(""),
                        o.areas,
                        o.id
                    );
                }
            }
        }
        GroupsCommand::Renewals { json: as_json } => {
            let due = renewals::renewals(session).await?;
            if as_json {
                println!("{}", json(&due)?);
            } else {
                print_renewals("Overdue", &due.overdue);
                print_renewals(
                    &format!("Due in the next {} days", due.window_days),
                    &due.due_soon,
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_renewals(heading: &str, rows: &[RenewalDue]) {
    println!("{heading}:");
    if rows.is_empty() {
        println!("  none");
    }
    for row in rows {
        let when = match row.days {
            0 => "today".to_owned(),
            1 => "tomorrow".to_owned(),
            -1 => "1 day ago".to_owned(),
            d if d < 0 => format!("{} days ago", -d),
            d => format!("in {d} days"),
        };
        println!("  {}\tdue {} ({when})", row.name, row.renewal_due_on);
    }
}
