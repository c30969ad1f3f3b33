//! `forumdesk report evidence`: the evidence pack for a period, as JSON (every figure, under
//! the keys the README lists), as a printable HTML page or as a Word document (to a file).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};

use crate::report::{docx, evidence, html};
use crate::{Error, Result, Session};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Html,
    /// A Word document; needs --out
    Docx,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The evidence pack for a period: membership, reach, participation, representation,
    /// indicators, "you said, we did" and spend
    Evidence {
        /// The first day, e.g. 01/04/2026 or 2026-04-01
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The last day
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Write here instead of printing (needed for docx: a Word document is not printed)
        #[arg(long, value_name = "FILE", required_if_eq("format", "docx"))]
        out: Option<PathBuf>,
    },
}

pub async fn run(session: &Session, command: ReportCommand) -> Result<ExitCode> {
    match command {
        ReportCommand::Evidence {
            from,
            to,
            format,
            out,
        } => {
            let pack = evidence::evidence_pack(session, &from, &to).await?;
            let bytes = match format {
                Format::Json => serde_json::to_string_pretty(&pack)
                    .map_err(|e| Error::internal(e.to_string()))?
                    .into_bytes(),
                Format::Html => html::render(&pack, &session.info().await?.forum_name).into_bytes(),
                Format::Docx => docx::render(&pack, &session.info().await?.forum_name)?,
            };
            match out {
                Some(path) => {
                    std::fs::write(&path, bytes).map_err(|e| {
                        Error::internal(format!("{} could not be written: {e}", path.display()))
                    })?;
                    eprintln!("Evidence pack written to {}.", path.display());
                }
                None => println!("{}", String::from_utf8_lossy(&bytes)),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
