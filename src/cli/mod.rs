//! `forumdesk`, the command line for admins and scripts. Every command goes through the same
//! services as the desktop app, with the same role checks and audit entries.

mod audit;
mod commands;
mod drives;
mod gdpr;
mod groups;
mod members;
mod membership;
mod pack;
mod report;
mod secret;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::{paths, Error, Role};

#[derive(Parser)]
#[command(
    name = "forumdesk",
    version,
    about = "ForumDesk: the parent carer forum's encrypted records"
)]
pub struct Cli {
    /// The forum database [default: the desktop app's own, in the OS data folder]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Your ForumDesk user name. Your password is read from FORUMDESK_PASSWORD, or asked for.
    #[arg(long, global = true, value_name = "NAME", env = "FORUMDESK_USER")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set up a new forum database and its first admin; prints the recovery key
    Init {
        /// The forum's name, for example "Lancashire Parent Carer Forum"
        #[arg(long)]
        forum: String,
        /// The admin's user name
        #[arg(long)]
        admin: String,
        /// The admin's own name [default: the user name]
        #[arg(long)]
        admin_name: Option<String>,
    },
    /// Manage the people who use ForumDesk
    #[command(subcommand)]
    User(UserCommand),
    /// Check the audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Make or restore a backup
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Import, find and export members; renew, leave and rejoin
    #[command(subcommand)]
    Members(members::MembersCommand),
    /// List affiliated groups and the renewals falling due
    #[command(subcommand)]
    Groups(groups::GroupsCommand),
    /// Recruitment drives and their results
    #[command(subcommand)]
    Drives(drives::DrivesCommand),
    /// Reports from the records: the evidence pack for a grant return
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Data protection: subject access, erasure, retention and the record of processing
    #[command(subcommand)]
    Gdpr(gdpr::GdprCommand),
    /// Carry a drive's sign-ups between laptops in an encrypted transfer pack
    #[command(subcommand)]
    Pack(pack::PackCommand),
    /// The local SEND population the reach gap compares the membership with
    #[command(subcommand)]
    Population(pack::PopulationCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user with a temporary password (FORUMDESK_NEW_PASSWORD, or asked for)
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Their own name [default: the user name]
        #[arg(long)]
        display_name: Option<String>,
    },
    /// List users
    List,
    /// Disable a user: their password stops opening the database
    Disable { name: String },
    /// Change your own password, or (admins) reset NAME's; the new one comes from
    /// FORUMDESK_NEW_PASSWORD, or is asked for
    Passwd { name: Option<String> },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check that no audit entry was changed, removed or reordered
    Verify,
    /// List entries, newest first, filtered by person, user, action and dates
    List(audit::ListArgs),
    /// Write the filtered entries as a CSV for an auditor (members appear only by id)
    Export(audit::ExportArgs),
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Write an encrypted, consistent copy of the forum (safe while the app is open)
    Create {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check a backup, then restore it to PATH (anything there is moved aside, not deleted)
    Restore {
        file: PathBuf,
        #[arg(long, value_name = "PATH")]
        to: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Admin,
    Officer,
    Volunteer,
    Kiosk,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::Officer => Role::Officer,
            RoleArg::Volunteer => Role::Volunteer,
            RoleArg::Kiosk => Role::Kiosk,
        }
    }
}

/// Runs the CLI; every failure prints its message on stderr and exits non-zero.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => return report(&Error::internal(format!("Could not start: {err}"))),
    };
    let db = cli.db.clone().unwrap_or_else(paths::default_db_path);
    match runtime.block_on(commands::run(cli, db)) {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

fn report(err: &Error) -> ExitCode {
    eprintln!("forumdesk: {}", err.message);
    if err.fields.len() > 1 || err.fields.values().any(|m| *m != err.message) {
        for (field, message) in &err.fields {
            eprintln!("  {field}: {message}");
        }
    }
    ExitCode::FAILURE
}
