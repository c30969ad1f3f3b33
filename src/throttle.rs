//! Slows down password guessing through the app. The first few mistakes are free (people
//! mistype); after that each failure doubles the wait, up to 15 minutes.

use time::{Duration, OffsetDateTime};

use crate::crypto::Throttle;
use crate::id::{parse_rfc3339, rfc3339};
use crate::{Error, Result};

const FREE_ATTEMPTS: u32 = 3;
const FIRST_WAIT_SECONDS: i64 = 5;
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// How long the next attempt must wait, counted from the last failure.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(20);
    Duration::seconds((FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS))
}

/// `Err(locked)` while the caller must still wait, with the wait in the message.
pub fn check(throttle: &Throttle, now: OffsetDateTime) -> Result<()> {
    let Some(last) = throttle.last_failure.as_deref().and_then(parse_rfc3339) else {
        return Ok(());
    };
    let until = last + wait_after(throttle.failures);
    if now >= until {
        return Ok(());
    }
    let seconds = (until - now).whole_seconds().max(1);
    Err(Error::locked(format!(
        "Too many unsuccessful attempts. Wait {}, then try again.",
        describe_wait(seconds)
    )))
}

pub fn record_failure(throttle: &mut Throttle, now: OffsetDateTime) {
    throttle.failures = throttle.failures.saturating_add(1);
    throttle.last_failure = Some(rfc3339(now));
}

fn describe_wait(seconds: i64) -> String {
    match seconds {
        1 => "1 second".to_owned(),
        s if s < 90 => format!("{s} seconds"),
        s => format!("{} minutes", (s + 59) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_attempts_are_free_then_waits_double_up_to_a_cap() {
        assert_eq!(wait_after(0), Duration::ZERO);
        assert_eq!(wait_after(2), Duration::ZERO);
        assert_eq!(wait_after(3), Duration::seconds(5));
        assert_eq!(wait_after(4), Duration::seconds(10));
        assert_eq!(wait_after(40), Duration::seconds(MAX_WAIT_SECONDS));
    }

    #[test]
    fn check_refuses_until_the_wait_is_over() {
        let now = OffsetDateTime::now_utc();
        let mut t = Throttle::default();
        for _ in 0..4 {
            record_failure(&mut t, now);
        }
        let err = check(&t, now + Duration::seconds(3)).unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::Locked);
        assert!(err.message.contains("7 seconds"), "{}", err.message);
        assert!(check(&t, now + Duration::seconds(10)).is_ok());
    }
}
