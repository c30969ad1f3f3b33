//! tauri-driver, started in its own process group so the whole tree (tauri-driver,
//! WebKitWebDriver and the app) ends together. Killing tauri-driver alone leaves
//! WebKitWebDriver running, and the next session then fails with "Maximum number of active
//! sessions".

use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;

use crate::{Result, Sandbox};

pub const PORT: u16 = 4444;
const NATIVE_PORT: u16 = 4445;
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);

pub struct TauriDriver {
    child: Child,
    app_binary: PathBuf,
    sandbox: Sandbox,
}

impl TauriDriver {
    /// Starts tauri-driver for the app named by `FORUMDESK_APP_BIN`, in a fresh sandbox.
    pub fn start() -> Result<Self> {
        Self::start_with(app_binary_from_env()?, Sandbox::new()?)
    }

    pub fn start_with(app_binary: PathBuf, sandbox: Sandbox) -> Result<Self> {
        wait_until_port_free(PORT)?;
        // WebKitWebDriver (started by tauri-driver) needs its own port too: one left over from
        // an earlier run makes tauri-driver listen but fail the first request.
        wait_until_port_free(NATIVE_PORT)?;
        let mut command = Command::new("tauri-driver");
        command
            .args(["--port", &PORT.to_string()])
            .args(["--native-port", &NATIVE_PORT.to_string()])
            .stdout(Stdio::null())
            .process_group(0);
        sandbox.apply(&mut command);
        let child = command
            .spawn()
            .context("could not start tauri-driver (cargo install tauri-driver --locked)")?;
        let mut driver = Self {
            child,
            app_binary,
            sandbox,
        };
        driver.wait_for_port()?;
        Ok(driver)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{PORT}")
    }

    pub fn app_binary(&self) -> &Path {
        &self.app_binary
    }

    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// Waits for tauri-driver and for the WebKitWebDriver it starts. tauri-driver listens at
    /// once and forwards each request to WebKitWebDriver; when that forward is refused, it
    /// closes the connection without an answer. So a session requested before WebKitWebDriver
    /// listens fails ("webdriver server did not respond"), as the first test did once on a
    /// fresh machine.
    fn wait_for_port(&mut self) -> Result<()> {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            let listening = |port| TcpStream::connect(("127.0.0.1", port)).is_ok();
            if listening(PORT) && listening(NATIVE_PORT) {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                bail!("tauri-driver exited before listening: {status}");
            }
            if Instant::now() > deadline {
                bail!(
                    "tauri-driver (port {PORT}) and WebKitWebDriver (port {NATIVE_PORT}) did \
                     not both listen"
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let group = Pid::from_raw(self.child.id() as i32);
        // Ask politely so the app can close its database, then make sure nothing is left.
        let _ = killpg(group, Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = killpg(group, Signal::SIGKILL);
        let _ = self.child.wait();
    }
}

fn app_binary_from_env() -> Result<PathBuf> {
    let path = std::env::var_os("FORUMDESK_APP_BIN").context(
        "FORUMDESK_APP_BIN is not set: build the app (cargo xtask test does it) and point this at \
         the binary's absolute path",
    )?;
    let path = PathBuf::from(path);
    if !path.is_absolute() || !path.is_file() {
        bail!(
            "FORUMDESK_APP_BIN must be an absolute path to the app: {}",
            path.display()
        );
    }
    Ok(path)
}

/// A driver from an earlier test may still be releasing the port.
fn wait_until_port_free(port: u16) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        if Instant::now() > deadline {
            bail!("port {port} is taken: is another tauri-driver running?");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}
