//! Locks ForumDesk just before the computer sleeps and when the desktop session is locked,
//! from logind's D-Bus signals. Tauri itself cannot tell either, so this is Linux only; where
//! there is no logind (a container, a bare X server) it does nothing, and on every system the
//! core's idle watch still notices sleep afterwards, from the gap it leaves in the clock.

use std::future::Future;

use forumdesk::LockReason;
use futures_util::stream::{select_all, BoxStream};
use futures_util::StreamExt;
use zbus::zvariant::{OwnedFd, OwnedObjectPath};
use zbus::{Connection, Proxy};

const LOGIND: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";

/// Calls `lock` for every sleep or session lock logind announces, until the bus goes away.
pub async fn watch<F, Fut>(bus: &Connection, mut lock: F) -> zbus::Result<()>
where
    F: FnMut(LockReason) -> Fut,
    Fut: Future<Output = ()>,
{
    let manager = Proxy::new(bus, LOGIND, MANAGER_PATH, MANAGER).await?;
    let mut events: Vec<BoxStream<'static, Option<LockReason>>> = Vec::new();
    let sleeps = manager.receive_signal("PrepareForSleep").await?;
    events.push(
        sleeps
            .map(|message| match message.body().deserialize::<bool>() {
                Ok(true) => Some(LockReason::Sleep),
                _ => None,
            })
            .boxed(),
    );
    // Our own login session, when we run inside one.
    let own_session: zbus::Result<OwnedObjectPath> = manager
        .call("GetSessionByPID", &(std::process::id(),))
        .await;
    if let Ok(path) = own_session {
        let session = Proxy::new(bus, LOGIND, path, SESSION).await?;
        let locks = session.receive_signal("Lock").await?;
        events.push(locks.map(|_| Some(LockReason::ScreenLocked)).boxed());
        // GNOME and KDE lock the screen themselves and then set LockedHint.
        let hints = session.receive_property_changed::<bool>("LockedHint").await;
        events.push(
            hints
                .then(|change| async move {
                    matches!(change.get().await, Ok(true)).then_some(LockReason::ScreenLocked)
                })
                .boxed(),
        );
    }

    // A "delay" inhibitor makes logind wait (a few seconds at most) for us to lock before the
    // machine sleeps; it is released once locked and taken again on waking.
    let mut inhibitor = inhibit(&manager).await;
    let mut events = select_all(events);
    while let Some(event) = events.next().await {
        match event {
            Some(reason) => {
                lock(reason).await;
                if reason == LockReason::Sleep {
                    drop(inhibitor.take());
                }
            }
            None if inhibitor.is_none() => inhibitor = inhibit(&manager).await,
            None => {}
        }
    }
    Ok(())
}

async fn inhibit(manager: &Proxy<'_>) -> Option<OwnedFd> {
    let args = (
        "sleep",
        "ForumDesk",
        "Lock the forum's records before sleeping",
        "delay",
    );
    manager.call("Inhibit", &args).await.ok()
}
