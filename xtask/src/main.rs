//! `cargo xtask <task>`: the project's own automation, so CI and a volunteer developer run the
//! same steps in the same order.

mod bench;
mod run;
mod setup;
mod shell;
mod test;
mod ui;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  run        build the UI and the app (UI embedded) and start it on the default database
  test       every check CI runs, in order, stopping at the first failure
  e2e        only the end-to-end tests: build the UI and the app, drive it under xvfb
  bindings   regenerate ui/src/bindings from the core's Rust types
  bench      core benchmarks, then the app's cold-start time (release build, under xvfb)";

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("run") => run::run(),
        Some("test") => test::test(),
        Some("e2e") => test::build_and_e2e(),
        Some("bindings") => bindings(),
        Some("bench") => bench::bench(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn bindings() -> anyhow::Result<()> {
    shell::step(
        "regenerate TypeScript bindings",
        shell::cargo(["test", "-p", "forumdesk", "--test", "bindings"])
            .env("FORUMDESK_UPDATE_BINDINGS", "1"),
    )
}
