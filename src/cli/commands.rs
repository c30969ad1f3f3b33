use std::path::PathBuf;
use std::process::ExitCode;

use super::secret::{self, NEW_PASSWORD_ENV, PASSWORD_ENV};
use super::{AuditCommand, BackupCommand, Cli, Command, UserCommand};
use crate::users::{self, ChangePasswordInput, NewUserInput, ResetPasswordInput};
use crate::{audit, backup, Error, Result, Session, SetupInput, UnlockInput, Vault};

pub async fn run(cli: Cli, db: PathBuf) -> Result<ExitCode> {
    let vault = Vault::new(&db);
    let user = cli.user;
    match cli.command {
        Command::Init {
            forum,
            admin,
            admin_name,
        } => {
            let (password, confirm) = secret::new_password(PASSWORD_ENV, &admin)?;
            let input = SetupInput {
                forum_name: forum.clone(),
                admin_display_name: admin_name.unwrap_or_else(|| admin.clone()),
                admin_username: admin.clone(),
                password: password.to_string(),
                password_confirm: confirm.to_string(),
            };
            let (session, recovery) = vault.init(input).await?;
            session.lock().await;
            eprintln!("Set up {forum:?} in {} with admin {admin}.", db.display());
            eprintln!(
                "Below is the recovery key. It is shown only now. Anyone who has it can open"
            );
            eprintln!("the forum's data, so keep it somewhere safe and offline, such as on paper");
            eprintln!("in a locked drawer. It lets an admin set a new password if theirs is lost.");
            println!("{}", recovery.expose());
        }
        Command::User(command) => {
            as_user(&vault, user.as_deref(), async move |s: &Session| {
                user_command(s, command).await
            })
            .await?;
        }
        Command::Audit(AuditCommand::Verify) => {
            let report = as_user(&vault, user.as_deref(), async |s: &Session| {
                audit::verify(s).await
            })
            .await?;
            if !report.intact {
                eprintln!(
                    "forumdesk: the audit trail has been tampered with: {}",
                    report.problem.unwrap_or_default()
                );
                return Ok(ExitCode::FAILURE);
            }
            println!("Audit trail intact: {} entries checked.", report.entries);
        }
        Command::Audit(AuditCommand::List(args)) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::audit::list(s, args).await
            })
            .await;
        }
        Command::Audit(AuditCommand::Export(args)) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::audit::export(s, args).await
            })
            .await;
        }
        Command::Backup(BackupCommand::Create { out }) => {
            let report = as_user(&vault, user.as_deref(), async |s: &Session| {
                backup::create(s, &out).await
            })
            .await?;
            println!(
                "Backup written to {} ({} bytes, SHA-256 {}).",
                report.path, report.bytes, report.sha256
            );
        }
        Command::Members(command) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::members::run(s, command).await
            })
            .await;
        }
        Command::Groups(command) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::groups::run(s, command).await
            })
            .await;
        }
        Command::Drives(command) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::drives::run(s, command).await
            })
            .await;
        }
        Command::Gdpr(command) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::gdpr::run(s, command).await
            })
            .await;
        }
        Command::Pack(command) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::pack::run(s, command).await
            })
            .await;
        }
        Command::Population(command) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::pack::run_population(s, command).await
            })
            .await;
        }
        Command::Report(command) => {
            return as_user(&vault, user.as_deref(), async move |s: &Session| {
                super::report::run(s, command).await
            })
            .await;
        }
        Command::Backup(BackupCommand::Restore { file, to }) => {
            let name = require_user(user.as_deref())?;
            let password = secret::password(name)?;
            let restored = backup::restore(&file, &to, name, &password).await?;
            println!(
                "Restored {} to {} after checking it.",
                file.display(),
                restored.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn user_command(session: &Session, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            name,
            role,
            display_name,
        } => {
            let (password, confirm) = secret::new_password(NEW_PASSWORD_ENV, &name)?;
            let input = NewUserInput {
                display_name: display_name.unwrap_or_else(|| name.clone()),
                username: name,
                role: role.into(),
                password: password.to_string(),
                password_confirm: confirm.to_string(),
            };
            let added = users::add(session, input).await?;
            println!(
                "Added {} {} ({}). They will choose their own password when they first sign in.",
                added.role.as_str(),
                added.username,
                added.display_name
            );
        }
        UserCommand::List => {
            println!("USERNAME\tNAME\tROLE\tSTATUS");
            for u in users::list(session).await? {
                let status = if u.disabled { "disabled" } else { "active" };
                println!(
                    "{}\t{}\t{}\t{}",
                    u.username,
                    u.display_name,
                    u.role.as_str(),
                    status
                );
            }
        }
        UserCommand::Disable { name } => {
            let target = users::find_by_username(session, &name).await?;
            let done = users::disable(session, &target.id).await?;
            println!("Disabled {}.", done.username);
        }
        UserCommand::Passwd { name: None } => {
            let current = secret::password(session.username())?;
            let (new, confirm) = secret::new_password(NEW_PASSWORD_ENV, session.username())?;
            let input = ChangePasswordInput {
                current_password: current.to_string(),
                new_password: new.to_string(),
                new_password_confirm: confirm.to_string(),
            };
            users::change_own_password(session, input).await?;
            println!("Your password has been changed.");
        }
        UserCommand::Passwd { name: Some(name) } => {
            let target = users::find_by_username(session, &name).await?;
            let (new, confirm) = secret::new_password(NEW_PASSWORD_ENV, &target.username)?;
            let input = ResetPasswordInput {
                user_id: target.id.clone(),
                new_password: new.to_string(),
                new_password_confirm: confirm.to_string(),
            };
            let done = users::reset_password(session, input).await?;
            println!(
                "Reset the password of {}. They will choose a new one when they next sign in.",
                done.username
            );
        }
    }
    Ok(())
}

fn require_user(user: Option<&str>) -> Result<&str> {
    user.filter(|u| !u.trim().is_empty())
        .ok_or_else(|| Error::field("user", "Give your user name with --user NAME"))
}

/// Unlocks as `user`, does `work`, and locks again whatever `work` returned, so the key is
/// wiped on every path.
async fn as_user<T>(
    vault: &Vault,
    user: Option<&str>,
    work: impl AsyncFnOnce(&Session) -> Result<T>,
) -> Result<T> {
    let session = unlock(vault, user).await?;
    let result = work(&session).await;
    session.lock().await;
    result
}

async fn unlock(vault: &Vault, user: Option<&str>) -> Result<Session> {
    let username = require_user(user)?;
    if !vault.is_initialised() {
        return Err(Error::not_found(format!(
            "There is no forum database at {}. Set one up with `forumdesk init`.",
            vault.db_path().display()
        )));
    }
    let password = secret::password(username)?;
    vault
        .unlock(UnlockInput {
            username: username.to_owned(),
            password: password.to_string(),
        })
        .await
}
