//! The logind watcher against a fake logind on a private D-Bus daemon: the same signals and
//! calls the real one makes, so the test runs anywhere `dbus-daemon` is installed.
#![cfg(target_os = "linux")]

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use forumdesk::LockReason;
use forumdesk_app::os_lock;
use tokio::sync::mpsc;
use tokio::time::timeout;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{OwnedFd, OwnedObjectPath};

const MANAGER_PATH: &str = "/org/freedesktop/login1";
const SESSION_PATH: &str = "/org/freedesktop/login1/session/_31";
const WAIT: Duration = Duration::from_secs(10);

struct FakeManager {
    inhibits: Arc<AtomicUsize>,
}

#[zbus::interface(name = "org.freedesktop.login1.Manager")]
impl FakeManager {
    #[zbus(name = "GetSessionByPID")]
    fn get_session_by_pid(&self, _pid: u32) -> OwnedObjectPath {
        OwnedObjectPath::try_from(SESSION_PATH).expect("valid path")
    }

    fn inhibit(
        &self,
        what: &str,
        _who: &str,
        _why: &str,
        mode: &str,
    ) -> zbus::fdo::Result<OwnedFd> {
        assert_eq!((what, mode), ("sleep", "delay"));
        self.inhibits.fetch_add(1, Ordering::SeqCst);
        let file = std::fs::File::open("/dev/null")
            .map_err(|e| zbus::fdo::Error::IOError(e.to_string()))?;
        Ok(std::os::fd::OwnedFd::from(file).into())
    }

    #[zbus(signal)]
    async fn prepare_for_sleep(emitter: &SignalEmitter<'_>, start: bool) -> zbus::Result<()>;
}

struct FakeSession {
    locked: bool,
}

#[zbus::interface(name = "org.freedesktop.login1.Session")]
impl FakeSession {
    #[zbus(property)]
    fn locked_hint(&self) -> bool {
        self.locked
    }

    #[zbus(signal)]
    async fn lock(emitter: &SignalEmitter<'_>) -> zbus::Result<()>;
}

/// A private bus daemon, stopped when dropped.
struct PrivateBus {
    daemon: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl PrivateBus {
    fn start() -> PrivateBus {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("bus.conf");
        let socket = dir.path().join("bus");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/>
  </policy>
</busconfig>"#,
                socket.display()
            ),
        )
        .expect("write bus config");
        let daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .arg("--nofork")
            .stdout(Stdio::null())
            .spawn()
            .expect("dbus-daemon is installed (xtask installs the dbus-daemon package)");
        let address = format!("unix:path={}", socket.display());
        PrivateBus {
            daemon,
            address,
            _dir: dir,
        }
    }

    async fn connect(&self) -> zbus::connection::Builder<'static> {
        for _ in 0..100 {
            if std::path::Path::new(self.address.trim_start_matches("unix:path=")).exists() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        zbus::connection::Builder::address(self.address.as_str()).expect("address")
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

async fn next(rx: &mut mpsc::UnboundedReceiver<LockReason>) -> LockReason {
    timeout(WAIT, rx.recv())
        .await
        .expect("a lock within the wait")
        .expect("channel open")
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let polled = timeout(WAIT, async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    polled
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"));
}

#[tokio::test]
async fn sleep_and_screen_lock_signals_lock_the_app() {
    let bus = PrivateBus::start();
    let inhibits = Arc::new(AtomicUsize::new(0));
    let logind = bus
        .connect()
        .await
        .name("org.freedesktop.login1")
        .expect("name")
        .serve_at(
            MANAGER_PATH,
            FakeManager {
                inhibits: inhibits.clone(),
            },
        )
        .expect("manager")
        .serve_at(SESSION_PATH, FakeSession { locked: false })
        .expect("session")
        .build()
        .await
        .expect("fake logind on the private bus");
    let app_bus = bus.connect().await.build().await.expect("app connection");

    let (tx, mut rx) = mpsc::unbounded_channel();
    let watcher = tokio::spawn(async move {
        os_lock::watch(&app_bus, move |reason| {
            let tx = tx.clone();
            async move { tx.send(reason).expect("test is listening") }
        })
        .await
    });
    // The inhibitor is taken after every subscription is in place.
    until("the sleep inhibitor", || {
        inhibits.load(Ordering::SeqCst) == 1
    })
    .await;

    let server = logind.object_server();
    let manager = server
        .interface::<_, FakeManager>(MANAGER_PATH)
        .await
        .expect("manager ref");
    let session = server
        .interface::<_, FakeSession>(SESSION_PATH)
        .await
        .expect("session ref");

    // Waking (start = false) is not a reason to lock; going to sleep is.
    FakeManager::prepare_for_sleep(manager.signal_emitter(), false)
        .await
        .expect("emit");
    FakeManager::prepare_for_sleep(manager.signal_emitter(), true)
        .await
        .expect("emit");
    assert_eq!(next(&mut rx).await, LockReason::Sleep);
    // Having locked, the inhibitor is let go; on waking it is taken again.
    FakeManager::prepare_for_sleep(manager.signal_emitter(), false)
        .await
        .expect("emit");
    until("the inhibitor taken again after waking", || {
        inhibits.load(Ordering::SeqCst) == 2
    })
    .await;

    FakeSession::lock(session.signal_emitter())
        .await
        .expect("emit");
    assert_eq!(next(&mut rx).await, LockReason::ScreenLocked);

    session.get_mut().await.locked = true;
    session
        .get()
        .await
        .locked_hint_changed(session.signal_emitter())
        .await
        .expect("emit");
    assert_eq!(next(&mut rx).await, LockReason::ScreenLocked);

    assert!(rx.try_recv().is_err(), "no other lock was reported");
    watcher.abort();
}
