//! Where the CLI gets passwords: the environment for scripts, otherwise a prompt without echo.

use zeroize::Zeroizing;

use crate::{Error, Result};

pub const PASSWORD_ENV: &str = "FORUMDESK_PASSWORD";
pub const NEW_PASSWORD_ENV: &str = "FORUMDESK_NEW_PASSWORD";

/// The signed-in user's password.
pub fn password(username: &str) -> Result<Zeroizing<String>> {
    from_env(PASSWORD_ENV).map_or_else(|| prompt(&format!("Password for {username}: ")), Ok)
}

/// A password being set: from `env`, or asked for twice. Returns it with its confirmation so
/// the core's own "do not match" check applies.
pub fn new_password(env: &str, whose: &str) -> Result<(Zeroizing<String>, Zeroizing<String>)> {
    if let Some(p) = from_env(env) {
        return Ok((p.clone(), p));
    }
    let first = prompt(&format!("New password for {whose}: "))?;
    let second = prompt("Type it again: ")?;
    Ok((first, second))
}

/// Where a transfer pack's passphrase comes from in scripts.
pub const PACK_PASSPHRASE_ENV: &str = "FORUMDESK_PACK_PASSPHRASE";

/// The passphrase to open a transfer pack.
pub fn pack_passphrase() -> Result<Zeroizing<String>> {
    from_env(PACK_PASSPHRASE_ENV).map_or_else(|| pack_prompt("Pack passphrase: "), Ok)
}

/// A passphrase to seal a transfer pack with: from the environment, or asked for twice.
pub fn new_pack_passphrase() -> Result<(Zeroizing<String>, Zeroizing<String>)> {
    if let Some(p) = from_env(PACK_PASSPHRASE_ENV) {
        return Ok((p.clone(), p));
    }
    let first = pack_prompt("Passphrase for the pack (12 characters or more): ")?;
    let second = pack_prompt("Type it again: ")?;
    Ok((first, second))
}

fn pack_prompt(text: &str) -> Result<Zeroizing<String>> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|e| {
            Error::forbidden(format!(
                "No pack passphrase given: set {PACK_PASSPHRASE_ENV} or run in a terminal ({e})."
            ))
        })
}

fn from_env(name: &str) -> Option<Zeroizing<String>> {
    std::env::var(name)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Zeroizing::new)
}

fn prompt(text: &str) -> Result<Zeroizing<String>> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|e| {
            Error::forbidden(format!(
                "No password given: set {PASSWORD_ENV} or run in a terminal ({e})."
            ))
        })
}
