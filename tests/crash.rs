//! Killing the process in the middle of writing leaves the last committed state: nothing
//! half-written, nothing committed lost, and the audit chain still sound.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;
use forumdesk::settings::{self, SettingsInput};
use forumdesk::{audit, Vault};

const CHILD_ENV: &str = "FORUMDESK_CRASH_CHILD_DB";

fn minutes_for(i: u32) -> u32 {
    i % 240 + 1
}

/// The writer that gets killed. Run only by the test below, in a child process.
#[tokio::test]
#[ignore = "run as a child process by killing_the_process_mid_write_keeps_the_last_committed_state"]
async fn crash_child_writer() {
    let Ok(db) = std::env::var(CHILD_ENV) else {
        return;
    };
    let session = Vault::new(db)
        .unlock(forumdesk::UnlockInput {
            username: ADMIN.into(),
            password: ADMIN_PASSWORD.into(),
        })
        .await
        .expect("child unlocks");
    for i in 1.. {
        settings::update(
            &session,
            SettingsInput {
                idle_lock_minutes: minutes_for(i),
            },
        )
        .await
        .expect("write");
        println!("committed {i}");
    }
}

#[tokio::test]
async fn killing_the_process_mid_write_keeps_the_last_committed_state() {
    let (forum, admin) = new_forum().await;
    let entries_before = audit::verify(&admin).await.expect("verify").entries;
    admin.lock().await;

    let mut child = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "crash_child_writer",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, forum.db_path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child");
    let stdout = child.stdout.take().expect("stdout");
    let mut last = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(n) = line.strip_prefix("committed ") {
            last = n.parse().expect("number");
            if last >= 40 {
                // SIGKILL: no destructors, no checkpoint, no chance to tidy up.
                child.kill().expect("kill");
                break;
            }
        }
    }
    child.wait().expect("reap");
    assert!(last >= 40, "the child wrote {last} times before it stopped");

    let session = forum.admin().await;
    let info = session.info().await.expect("info");
    // The write reported last is there; the one in flight may or may not have committed.
    assert!(
        [minutes_for(last), minutes_for(last + 1)].contains(&info.idle_lock_minutes),
        "last reported {last}, database holds {}",
        info.idle_lock_minutes
    );
    let report = audit::verify(&session).await.expect("verify");
    assert!(report.intact, "{report:?}");
    // before + the child's sign-in + its writes + this sign-in
    let child_writes = report.entries - entries_before - 2;
    assert!(
        child_writes == i64::from(last) || child_writes == i64::from(last) + 1,
        "{child_writes} vs {last}"
    );
    session.lock().await;
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    forumdesk::storage::check_integrity(&mut conn)
        .await
        .expect("integrity");
}
