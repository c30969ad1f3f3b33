//! What the plain-binary benchmarks share: their settings from the environment, their
//! labels and their percentiles, so every benchmark reads and reports them the same way.

use std::time::Duration;

/// Nearest-rank percentiles of a set of timings.
pub struct Spread {
    pub p50: Duration,
    pub p95: Duration,
    pub max: Duration,
}

impl Spread {
    pub fn of(mut times: Vec<Duration>) -> Spread {
        times.sort();
        let at = |p: usize| times[(times.len() * p).div_ceil(100).max(1) - 1];
        Spread {
            p50: at(50),
            p95: at(95),
            max: at(100),
        }
    }
}

/// A whole number from the environment (`100_000` allowed), or `default` when unset; a
/// value that is not a number stops the run rather than silently measuring something else.
pub fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

/// "100k" for 100,000; the plain number when it is not whole thousands.
pub fn count_label(n: usize) -> String {
    if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}
