//! `forumdesk gdpr erase` (being built: issue 6).

use std::process::ExitCode;

use clap::Args;

use crate::{Error, Result, Session};

#[derive(Args)]
pub struct EraseArgs {}

pub async fn run(_session: &Session, _args: EraseArgs) -> Result<ExitCode> {
    Err(Error::internal("not built yet"))
}
