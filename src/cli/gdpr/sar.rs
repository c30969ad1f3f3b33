//! `forumdesk gdpr sar PERSON --out DIR [--request ID]`: everything the forum holds about a
//! person, written as a new folder (JSON and a readable HTML page) inside DIR.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::gdpr::sar;
use crate::{Result, Session};

#[derive(Args)]
pub struct SarArgs {
    /// The person's record id (as shown on their record, or by `members search --json`)
    #[arg(value_name = "PERSON")]
    person: String,
    /// The folder to write into; a new `subject-access-<date>` folder is made inside it
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The access request this answers: the export date is noted on it
    #[arg(long, value_name = "ID")]
    request: Option<String>,
}

pub async fn run(session: &Session, args: SarArgs) -> Result<ExitCode> {
    let export = sar::export(session, &args.person, &args.out, args.request.as_deref()).await?;
    let rows: u32 = export.sections.iter().map(|s| s.rows).sum();
    eprintln!(
        "Subject access export written: {rows} entries under {} headings.",
        export.sections.len()
    );
    println!("{}", export.folder);
    Ok(ExitCode::SUCCESS)
}
