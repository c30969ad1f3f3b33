//! `forumdesk gdpr retention` (being built: issue 6).

use std::process::ExitCode;

use clap::Args;

use crate::{Error, Result, Session};

#[derive(Args)]
pub struct RetentionArgs {}

pub async fn run(_session: &Session, _args: RetentionArgs) -> Result<ExitCode> {
    Err(Error::internal("not built yet"))
}
