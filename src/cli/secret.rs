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
