//! ForumDesk's core: the encrypted forum database, accounts and roles, the audit trail, and
//! the services every front end (the desktop app, the CLI, tests) goes through. It knows
//! nothing of Tauri or the UI.

pub mod activities;
pub mod app_types;
pub mod audit;
pub mod backup;
pub mod cli;
pub mod crypto;
pub mod drives;
mod error;
pub mod export;
pub mod gdpr;
pub mod grants;
pub mod groups;
pub mod id;
pub mod idle;
pub mod import;
pub mod indicators;
pub mod members;
pub mod password;
pub mod paths;
pub mod report;
pub mod representation;
pub mod role;
mod session;
pub mod settings;
pub mod storage;
pub mod synth;
pub mod testing;
mod text_enum;
pub mod throttle;
pub mod users;
mod validate;
mod vault;

pub use app_types::{AppState, AppStatus, LockedEvent, SetupResult};
pub use error::{Error, ErrorKind, FieldErrors, Result};
pub use idle::{IdleWatch, LockReason};
pub use role::{Action, Role};
pub use session::{KioskInfo, Session, SessionInfo};
pub use vault::{RecoveryInput, SetupInput, UnlockInput, Vault, WRONG_CREDENTIALS};

pub use crypto::RecoveryKey;

/// mimalloc rather than the system allocator, for every binary that links the core: a large
/// import makes millions of short-lived strings on three threads (the checker, the async
/// side and SQLite's worker), and glibc's malloc spent a sixth of the import's processor
/// time on them, much of it in lock contention and consolidation. Declared here, not in each
/// `main`, so the app, the CLI, the tests and the benchmarks all measure the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
