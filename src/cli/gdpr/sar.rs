//! `forumdesk gdpr sar` (being built: issue 6).

use std::process::ExitCode;

use clap::Args;

use crate::{Error, Result, Session};

#[derive(Args)]
pub struct SarArgs {}

pub async fn run(_session: &Session, _args: SarArgs) -> Result<ExitCode> {
    Err(Error::internal("not built yet"))
}
