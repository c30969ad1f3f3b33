//! `forumdesk members renew | leave | rejoin`: the membership lifecycle from the command line,
//! through the same services (and so the same rules, dates and audit entries) as the
//! Membership tab.

use clap::Subcommand;

use crate::members::membership::{self, LeavingInput, MembershipDateInput};
use crate::members::MemberRecord;
use crate::{Error, ErrorKind, Result, Session};

#[derive(Subcommand)]
pub enum MembershipCommand {
    /// Renew a member's membership
    Renew {
        /// The member's id: the last column of `members search`
        id: String,
        /// The day they renewed, e.g. 22/11/2026 [default: today]
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Record that a member left the forum, or withdrew their application
    Leave {
        /// The member's id: the last column of `members search`
        id: String,
        /// Why they left, in your words
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// The day they left, e.g. 22/11/2026 [default: today]
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Bring a lapsed or former member back, with a full renewal period
    Rejoin {
        /// The member's id: the last column of `members search`
        id: String,
        /// The day they rejoined, e.g. 22/11/2026 [default: today]
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
}

pub async fn run(session: &Session, command: MembershipCommand) -> Result<()> {
    match command {
        MembershipCommand::Renew { id, on } => {
            let record = membership::renew(session, &id, date_input(on))
                .await
                .map_err(as_flags)?;
            println!(
                "Renewed {}: next renewal due {}.",
                name(&record),
                renewal_due(&record)
            );
        }
        MembershipCommand::Leave { id, reason, on } => {
            let input = LeavingInput {
                on_date: on.unwrap_or_default(),
                reason,
            };
            let record = membership::leave(session, &id, input)
                .await
                .map_err(as_flags)?;
            let left_on = record
                .membership
                .as_ref()
                .and_then(|m| m.left_on.as_deref())
                .map(day_first)
                .unwrap_or_default();
            println!("Recorded that {} left on {left_on}.", name(&record));
        }
        MembershipCommand::Rejoin { id, on } => {
            let record = membership::rejoin(session, &id, date_input(on))
                .await
                .map_err(as_flags)?;
            println!(
                "Rejoined {}: next renewal due {}.",
                name(&record),
                renewal_due(&record)
            );
        }
    }
    Ok(())
}

fn date_input(on: Option<String>) -> MembershipDateInput {
    MembershipDateInput {
        on_date: on.unwrap_or_default(),
    }
}

fn name(record: &MemberRecord) -> String {
    format!("{} {}", record.first_name, record.last_name)
}

fn renewal_due(record: &MemberRecord) -> String {
    record
        .membership
        .as_ref()
        .and_then(|m| m.renewal_due_on.as_deref())
        .map(day_first)
        .unwrap_or_default()
}

/// "2027-11-22" as "22/11/2027", the way dates are written in the UK and typed with `--on`.
fn day_first(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, day] => format!("{day}/{month}/{year}"),
        _ => iso.to_owned(),
    }
}

/// The services name the form's fields (`onDate`); on the command line they are flags.
fn as_flags(mut err: Error) -> Error {
    if err.kind != ErrorKind::Validation {
        return err;
    }
    err.fields = std::mem::take(&mut err.fields)
        .into_iter()
        .map(|(field, message)| {
            let flag = match field.as_str() {
                "onDate" => "--on".to_owned(),
                "reason" => "--reason".to_owned(),
                _ => field,
            };
            (flag, message)
        })
        .collect();
    err
}
