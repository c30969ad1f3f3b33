//! `forumdesk gdpr ropa --out FILE [--format markdown|html] [--notice]`: the Article 30
//! record of processing (or, with `--notice`, the draft privacy notice), drawn from the
//! forum's own settings. The format follows the file's extension unless given.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::gdpr::ropa;
use crate::{Error, Result, Session};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Html,
}

#[derive(Args)]
pub struct RopaArgs {
    /// The file to write (.md or .html); an existing file is replaced
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The format [default: from the extension of --out]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the plain-English privacy notice instead of the record
    #[arg(long)]
    notice: bool,
}

fn format_of(args: &RopaArgs) -> Result<Format> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown") => Ok(Format::Markdown),
        Some("html" | "htm") => Ok(Format::Html),
        _ => Err(Error::field(
            "format",
            "Name the file .md or .html, or give --format markdown or --format html",
        )),
    }
}

pub async fn run(session: &Session, args: RopaArgs) -> Result<ExitCode> {
    let format = format_of(&args)?;
    let docs = ropa::documents(session).await?;
    let text = match (args.notice, format) {
        (false, Format::Markdown) => docs.record_markdown,
        (false, Format::Html) => docs.record_html,
        (true, Format::Markdown) => docs.notice_markdown,
        (true, Format::Html) => docs.notice_html,
    };
    std::fs::write(&args.out, text)
        .map_err(|e| Error::internal(format!("Could not write {}: {e}", args.out.display())))?;
    let what = if args.notice {
        "Privacy notice draft"
    } else {
        "Record of processing"
    };
    eprintln!("{what} written to {}.", args.out.display());
    Ok(ExitCode::SUCCESS)
}
