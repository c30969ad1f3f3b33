//! Drives the built ForumDesk app through tauri-driver (WebDriver) in a real WebKitGTK window.
//! Used by the flow tests in `tests/` and by the cold-start benchmark.

pub mod app;
pub mod axe;
pub mod driver;
pub mod sandbox;
pub mod screens;

pub use app::App;
pub use driver::TauriDriver;
pub use sandbox::Sandbox;

/// Errors in tests are reported, not handled: a readable message is all that is needed.
pub use anyhow::Result;
