//! Cold-start time of the built app: from asking tauri-driver for a new session (which
//! launches the process) to the unlock screen's heading being in the page. Run by
//! `cargo xtask bench` under xvfb with FORUMDESK_APP_BIN set.

use std::time::{Duration, Instant};

use forumdesk_e2e::screens::{self, DEFAULT_ADMIN, UNLOCK_HEADING};
use forumdesk_e2e::{App, Result, TauriDriver};

const RUNS: usize = 5;

#[tokio::main]
async fn main() -> Result<()> {
    let driver = TauriDriver::start()?;

    // An initialised database, so every measured launch ends on the unlock screen, the
    // screen a volunteer sees each morning.
    let app = App::launch(&driver).await?;
    screens::submit_setup(&app, &DEFAULT_ADMIN).await?;
    app.close().await?;

    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let app = App::launch(&driver).await?;
        app.wait_for_heading(UNLOCK_HEADING).await?;
        times.push(start.elapsed());
        app.close().await?;
    }
    times.sort();
    println!("coldstart_runs {RUNS}");
    println!("coldstart_min_ms {}", millis(times[0]));
    println!("coldstart_median_ms {}", millis(times[RUNS / 2]));
    println!("coldstart_max_ms {}", millis(times[RUNS - 1]));
    Ok(())
}

fn millis(duration: Duration) -> u128 {
    duration.as_millis()
}
