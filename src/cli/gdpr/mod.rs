//! `forumdesk gdpr ...`: subject access exports, erasure, the retention queue and the record
//! of processing, for scripts and for an admin at a terminal. Each command goes through the
//! same core services (and role rules) as the app.

mod erase;
mod retention;
mod ropa;
mod sar;

use std::process::ExitCode;

use clap::Subcommand;

use crate::{Result, Session};

#[derive(Subcommand)]
pub enum GdprCommand {
    /// Export everything the forum holds about a person (JSON and a readable HTML page)
    Sar(sar::SarArgs),
    /// Erase a person's identifying and special-category data; figures keep counting them
    Erase(erase::EraseArgs),
    /// List what the retention schedule catches; --apply erases it after confirmation
    Retention(retention::RetentionArgs),
    /// Write the Article 30 record of processing
    Ropa(ropa::RopaArgs),
}

pub async fn run(session: &Session, command: GdprCommand) -> Result<ExitCode> {
    match command {
        GdprCommand::Sar(args) => sar::run(session, args).await,
        GdprCommand::Erase(args) => erase::run(session, args).await,
        GdprCommand::Retention(args) => retention::run(session, args).await,
        GdprCommand::Ropa(args) => ropa::run(session, args).await,
    }
}
