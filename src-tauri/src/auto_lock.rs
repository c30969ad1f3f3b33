//! Locks the app by itself after the forum's idle limit, or after the computer slept, and tells
//! the UI with an `app-locked` event so it can show the unlock screen.

use std::sync::PoisonError;
use std::time::Duration;

use forumdesk::app_types::LockedEvent;
use forumdesk::idle::LockReason;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::AppState;

/// How often the idle clock is checked. Auto-lock may fire up to this much late, which is
/// nothing against a limit measured in minutes.
const TICK: Duration = Duration::from_secs(5);

pub const LOCKED_EVENT: &str = "app-locked";

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    #[cfg(target_os = "linux")]
    tauri::async_runtime::spawn(follow_the_system(app.clone()));
    tauri::async_runtime::spawn(async move {
        let mut ticks = tokio::time::interval(TICK);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Some(reason) = lock_if_due(&app.state::<AppState>()).await {
                announce(&app, reason);
            }
        }
    });
}

/// Locks on logind's sleep and screen-lock signals (see `os_lock`).
#[cfg(target_os = "linux")]
async fn follow_the_system<R: Runtime>(app: AppHandle<R>) {
    // No system bus (a container, a minimal system): the idle watch still covers sleep.
    let Ok(bus) = zbus::Connection::system().await else {
        return;
    };
    let watched = crate::os_lock::watch(&bus, |reason| {
        let app = app.clone();
        async move {
            if app.state::<AppState>().lock_session().await {
                announce(&app, reason);
            }
        }
    })
    .await;
    if let Err(error) = watched {
        eprintln!("ForumDesk cannot follow the system's sleep and screen-lock signals: {error}");
    }
}

/// Tells the window the app locked itself, so it clears its data and shows Unlock.
fn announce<R: Runtime>(app: &AppHandle<R>, reason: LockReason) {
    if let Err(error) = app.emit(LOCKED_EVENT, LockedEvent { reason }) {
        // The session is already locked; the UI finds out on its next command, which
        // answers `locked`.
        eprintln!("ForumDesk locked itself but could not tell the window: {error}");
    }
}

/// Ticks the idle clock and locks the open session when it says so. Returns why it locked.
pub async fn lock_if_due(state: &AppState) -> Option<LockReason> {
    let limit = idle_limit(state).await;
    // Tick even while locked so the clock never sees a stale gap right after the next unlock.
    let reason = state
        .idle
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .tick(limit.unwrap_or(Duration::MAX))?;
    limit?;
    state.lock_session().await.then_some(reason)
}

/// The signed-in forum's idle limit, or `None` while locked.
///
/// A kiosk is never locked for idleness (the limit is `Duration::MAX`). It stands unattended
/// at a stall on purpose, between one member of the public and the next, and idle time there
/// is normal: locking would put the unlock screen in front of the next person and drop the
/// kiosk binding, so a volunteer would have to come back to unlock and start it again. The
/// idle lock protects records from an unattended laptop, and a kiosk session can read none
/// (the core refuses it everything but adding sign-ups); the kiosk form clears itself after
/// a short idle time instead. Sleep and the desktop's screen lock still lock it: a closed
/// or locked laptop has left the stall.
async fn idle_limit(state: &AppState) -> Option<Duration> {
    let session = state.session.read().await;
    let info = session.as_ref()?.info().await.ok()?;
    if info.kiosk.is_some() {
        return Some(Duration::MAX);
    }
    Some(Duration::from_secs(u64::from(info.idle_lock_minutes) * 60))
}

#[cfg(test)]
mod tests {
    use forumdesk::SetupInput;

    use super::*;

    fn setup_input() -> SetupInput {
        let password = "correct horse battery staple 42".to_owned();
        SetupInput {
            forum_name: "Northshire Parent Carer Forum".to_owned(),
            admin_username: "sam".to_owned(),
            admin_display_name: "Sam Chair".to_owned(),
            password: password.clone(),
            password_confirm: password,
        }
    }

    #[tokio::test]
    async fn ticking_while_locked_is_harmless() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::new(dir.path().join("forum.db"));
        // No session: the clock still ticks (with no limit) and nothing is locked.
        assert_eq!(lock_if_due(&state).await, None);
        assert_eq!(lock_if_due(&state).await, None);
    }

    #[tokio::test]
    async fn a_kiosk_has_no_idle_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::new(dir.path().join("forum.db"));
        let (session, _key) = state.vault.init(setup_input()).await.expect("set-up");
        let drive = forumdesk::drives::drive::create(
            &session,
            forumdesk::drives::drive::DriveInput {
                name: "Library stall".to_owned(),
                starts_on: "2026-11-14".to_owned(),
                ..Default::default()
            },
        )
        .await
        .expect("drive");
        state.replace_session(session).await;
        let finite = idle_limit(&state).await.expect("unlocked");
        assert!(finite < Duration::MAX);
        forumdesk::drives::kiosk::start(&state.session().await.expect("open"), &drive.id)
            .await
            .expect("kiosk");
        assert_eq!(idle_limit(&state).await, Some(Duration::MAX));
        assert_eq!(lock_if_due(&state).await, None);
        assert!(state.session.read().await.is_some());
    }

    #[tokio::test]
    async fn a_session_in_use_is_left_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::new(dir.path().join("forum.db"));
        let (session, _key) = state.vault.init(setup_input()).await.expect("set-up");
        state.replace_session(session).await;
        state.activity();
        assert!(idle_limit(&state)
            .await
            .is_some_and(|limit| limit >= Duration::from_secs(60)));
        assert_eq!(lock_if_due(&state).await, None);
        assert!(state.session.read().await.is_some());
    }
}
