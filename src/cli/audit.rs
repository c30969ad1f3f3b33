//! `forumdesk audit list` and `forumdesk audit export`: the audit viewer's filters at a
//! terminal, and the CSV for an auditor. (`audit verify` is in `commands.rs`.)

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::audit::view::{self, AuditFilter};
use crate::{Error, Result, Session};

/// The filters both commands take. `--actor`, not `--user`: `--user` is who signs in.
#[derive(Args)]
pub struct FilterArgs {
    /// Only entries about this person (their record id)
    #[arg(long, value_name = "ID")]
    person: Option<String>,
    /// Only entries made by this ForumDesk user (user name)
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,
    /// Only this kind of entry, e.g. member.viewed
    #[arg(long, value_name = "ACTION")]
    action: Option<String>,
    /// From this date (2026-04-01 or 01/04/2026), inclusive
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// To this date, inclusive
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Entries older than this entry number (the "more" hint of the previous page)
    #[arg(long, value_name = "ENTRY")]
    before: Option<i64>,
    /// Entries per page (at most 500)
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Print the page as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// The CSV file to write
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

async fn filter(s: &Session, args: FilterArgs) -> Result<AuditFilter> {
    let user_id = match args.actor {
        Some(name) => Some(view::find_user(s, &name).await?.id),
        None => None,
    };
    Ok(AuditFilter {
        person_id: args.person,
        user_id,
        action: args.action,
        from: args.from,
        to: args.to,
        ..Default::default()
    })
}

pub async fn list(s: &Session, args: ListArgs) -> Result<ExitCode> {
    let mut f = filter(s, args.filter).await?;
    f.before = args.before;
    f.page_size = Some(args.limit);
    let page = view::list(s, &f).await?;
    if args.json {
        let text = serde_json::to_string_pretty(&page)
            .map_err(|e| Error::internal(format!("Could not write JSON: {e}")))?;
        println!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    println!("ENTRY\tTIME (UTC)\tUSER\tACTION\tRECORD\tCHANGES");
    for e in &page.entries {
        println!(
            "{}\t{}\t{}\t{}\t{} {}\t{}",
            e.seq,
            e.at,
            e.username.as_deref().unwrap_or("-"),
            e.action,
            e.entity,
            e.entity_id.as_deref().unwrap_or("-"),
            e.changes
        );
    }
    if let Some(next) = page.next_before {
        eprintln!("More entries: add --before {next}");
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn export(s: &Session, args: ExportArgs) -> Result<ExitCode> {
    let f = filter(s, args.filter).await?;
    let export = view::export_csv(s, &f).await?;
    std::fs::write(&args.out, &export.bytes)
        .map_err(|e| Error::internal(format!("Could not write {}: {e}", args.out.display())))?;
    eprintln!(
        "{} audit entries written to {}.",
        export.entries,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
