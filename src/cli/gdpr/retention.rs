//! `forumdesk gdpr retention [--json] [--apply] [--yes]`: lists what the retention schedule
//! catches, each with its reason; `--apply` erases (or, for children past the age, removes)
//! every entry that can be applied, and removes audit entries past the retention period,
//! after typed confirmation or with `--yes`.

use std::process::ExitCode;

use clap::Args;

use crate::gdpr::retention::{self, RetentionChoice};
use crate::{Error, Result, Session};

#[derive(Args)]
pub struct RetentionArgs {
    /// Print the queue as JSON (for scripts)
    #[arg(long)]
    json: bool,
    /// Apply every entry that can be applied: people are erased, children's details removed,
    /// old audit entries removed
    #[arg(long)]
    apply: bool,
    /// With --apply: do not ask for confirmation (for scripts). It cannot be undone.
    #[arg(long)]
    yes: bool,
}

pub async fn run(session: &Session, args: RetentionArgs) -> Result<ExitCode> {
    let queue = retention::queue(session).await?;
    if args.json {
        let text = serde_json::to_string(&queue).map_err(|e| Error::internal(e.to_string()))?;
        println!("{text}");
    } else {
        println!("RULE\tSUBJECT\tNAME\tREASON");
        for e in &queue {
            println!(
                "{}\t{}\t{}\t{}",
                e.rule.as_str(),
                e.subject_id.as_deref().unwrap_or("-"),
                e.name.as_deref().unwrap_or("-"),
                e.reason
            );
        }
    }
    if !args.apply {
        return Ok(ExitCode::SUCCESS);
    }
    let chosen: Vec<RetentionChoice> = queue
        .iter()
        .filter(|e| e.actionable)
        .filter_map(|e| {
            e.subject_id.clone().map(|subject_id| RetentionChoice {
                rule: e.rule,
                subject_id,
            })
        })
        .collect();
    if chosen.is_empty() {
        eprintln!("Nothing to apply.");
        return Ok(ExitCode::SUCCESS);
    }
    if !args.yes {
        super::erase::confirm(
            &format!(
                "This applies {} entries of the retention queue: the people are erased, \
                 the children's details removed and old audit entries removed.",
                chosen.len()
            ),
            "apply",
        )?;
    }
    let outcome = retention::apply(session, &chosen).await?;
    eprintln!(
        "Applied: {} people erased, {} children's details removed, {} audit entries removed.",
        outcome.people_erased, outcome.children_removed, outcome.audit_entries_removed
    );
    Ok(ExitCode::SUCCESS)
}
