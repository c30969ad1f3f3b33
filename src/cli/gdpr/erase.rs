//! `forumdesk gdpr erase PERSON [--request ID] [--yes]`: erases a person's identifying and
//! special-category data, keeping the anonymous tombstone that figures count. Irreversible:
//! it asks for the person's id to be typed back, or needs `--yes` (scripts).

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;

use crate::gdpr::erase;
use crate::{members, Error, Result, Session};

#[derive(Args)]
pub struct EraseArgs {
    /// The person's record id (as shown on their record, or by `members search --json`)
    #[arg(value_name = "PERSON")]
    person: String,
    /// The erasure request this answers (its reference in the request log)
    #[arg(long, value_name = "ID")]
    request: Option<String>,
    /// Do not ask for confirmation (for scripts). Erasure cannot be undone.
    #[arg(long)]
    yes: bool,
}

/// Asks a person at a terminal to type `expected`; refuses when there is no terminal.
pub(super) fn confirm(what: &str, expected: &str) -> Result<()> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Error::conflict(format!(
            "{what} This cannot be undone. Run it from a terminal to confirm, or add --yes."
        )));
    }
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "{what} This cannot be undone.\nType {expected} to confirm: "
    );
    let _ = err.flush();
    let mut typed = String::new();
    stdin
        .lock()
        .read_line(&mut typed)
        .map_err(|e| Error::internal(e.to_string()))?;
    if typed.trim() != expected {
        return Err(Error::conflict(
            "Nothing was changed: what you typed did not match.",
        ));
    }
    Ok(())
}

pub async fn run(session: &Session, args: EraseArgs) -> Result<ExitCode> {
    if !args.yes {
        // A person who does not exist (or is already erased) gets the erasure's own message.
        if let Ok(record) = members::get(session, &args.person).await {
            let name = format!("{} {}", record.first_name, record.last_name);
            confirm(
                &format!(
                    "This erases {} ({}): their name, contact details, notes, consent \
                     history, children's needs, equality information and group roles. \
                     Figures keep counting them anonymously.",
                    name.trim(),
                    args.person
                ),
                &args.person,
            )?;
        }
    }
    let report = erase::erase(session, &args.person, args.request.as_deref()).await?;
    println!(
        "Erased. Removed {} children's details, {} consent events, {} group roles, {} \
         co-options; cleared {} merge records; unlinked {} requests.",
        report.children_removed,
        report.consent_events_deleted,
        report.contact_roles_deleted,
        report.co_options_deleted,
        report.merge_snapshots_cleared,
        report.requests_unlinked
    );
    Ok(ExitCode::SUCCESS)
}
