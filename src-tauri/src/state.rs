//! What the shell keeps between commands: the closed vault, the open session (if any) and the
//! idle clock that decides when to lock by itself.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use forumdesk::idle::IdleWatch;
use forumdesk::{Error, Session, Vault};
use tokio::sync::{RwLock, RwLockReadGuard};

pub struct AppState {
    pub vault: Vault,
    /// `None` while locked. A write lock is held only to swap sessions in or out, so commands
    /// run concurrently under read locks.
    pub session: RwLock<Option<Session>>,
    pub idle: Mutex<IdleWatch>,
}

impl AppState {
    /// The database path is a parameter, not read here from the environment, so tests can give
    /// each app its own temporary file.
    pub fn new(db_path: impl Into<PathBuf>) -> Self {
        Self {
            vault: Vault::new(db_path),
            session: RwLock::new(None),
            idle: Mutex::new(IdleWatch::new()),
        }
    }

    /// Restarts the idle clock. Every command calls it: talking to the app is activity.
    pub fn activity(&self) {
        // A panic elsewhere while holding the lock cannot leave the watch half-updated in a
        // way that matters: the worst case is one extra or one missed lock.
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .activity();
    }

    /// The open session, or a `locked` error that the UI turns into the unlock screen.
    pub async fn session(&self) -> Result<RwLockReadGuard<'_, Session>, Error> {
        RwLockReadGuard::try_map(self.session.read().await, Option::as_ref)
            .map_err(|_| Error::locked("ForumDesk is locked. Unlock it to carry on."))
    }

    /// Puts a new session in place, locking any previous one so its key is wiped.
    pub async fn replace_session(&self, session: Session) {
        let previous = self.session.write().await.replace(session);
        if let Some(previous) = previous {
            previous.lock().await;
        }
    }

    /// Locks the open session, if any. Returns whether there was one.
    pub async fn lock_session(&self) -> bool {
        let taken = self.session.write().await.take();
        match taken {
            Some(session) => {
                session.lock().await;
                true
            }
            None => false,
        }
    }
}
