//! When to lock by itself: after a spell without activity, or after the computer slept.
//! Sleep is noticed as a gap between the wall clock and the monotonic clock, which stops
//! while the machine is suspended on Linux and macOS; no platform API is needed.

use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "LockReason.ts")]
pub enum LockReason {
    /// No activity for the forum's idle limit.
    Idle,
    /// The computer went to sleep (or is about to).
    Sleep,
    /// The desktop session was locked.
    ScreenLocked,
}

/// A gap this much larger than the monotonic clock saw means the machine was asleep.
const SLEEP_GAP: Duration = Duration::from_secs(30);

pub struct IdleWatch {
    last_activity: Instant,
    last_tick: (Instant, SystemTime),
}

impl IdleWatch {
    pub fn new() -> Self {
        Self::starting_at(Instant::now(), SystemTime::now())
    }

    fn starting_at(mono: Instant, wall: SystemTime) -> Self {
        Self {
            last_activity: mono,
            last_tick: (mono, wall),
        }
    }

    pub fn activity(&mut self) {
        self.last_activity = Instant::now();
    }

    pub fn tick(&mut self, idle_limit: Duration) -> Option<LockReason> {
        self.tick_at(Instant::now(), SystemTime::now(), idle_limit)
    }

    fn tick_at(
        &mut self,
        mono: Instant,
        wall: SystemTime,
        idle_limit: Duration,
    ) -> Option<LockReason> {
        let (prev_mono, prev_wall) = self.last_tick;
        self.last_tick = (mono, wall);
        let mono_gap = mono.saturating_duration_since(prev_mono);
        // A wall clock set backwards is not sleep.
        let wall_gap = wall.duration_since(prev_wall).unwrap_or(Duration::ZERO);
        let reason = if wall_gap > mono_gap + SLEEP_GAP {
            Some(LockReason::Sleep)
        } else if mono.saturating_duration_since(self.last_activity) >= idle_limit {
            Some(LockReason::Idle)
        } else {
            None
        };
        if reason.is_some() {
            // Start afresh so the next unlock is not locked again at once.
            self.last_activity = mono;
        }
        reason
    }
}

impl Default for IdleWatch {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Duration = Duration::from_secs(15 * 60);

    #[test]
    fn locks_after_the_idle_limit_and_not_before() {
        let (m, w) = (Instant::now(), SystemTime::now());
        let mut watch = IdleWatch::starting_at(m, w);
        let t = |s| (m + Duration::from_secs(s), w + Duration::from_secs(s));
        let (m1, w1) = t(14 * 60);
        assert_eq!(watch.tick_at(m1, w1, LIMIT), None);
        let (m2, w2) = t(15 * 60);
        assert_eq!(watch.tick_at(m2, w2, LIMIT), Some(LockReason::Idle));
        let (m3, w3) = t(15 * 60 + 5);
        assert_eq!(
            watch.tick_at(m3, w3, LIMIT),
            None,
            "the clock restarts after a lock"
        );
    }

    #[test]
    fn activity_postpones_the_lock() {
        let (m, w) = (Instant::now(), SystemTime::now());
        let mut watch = IdleWatch::starting_at(m, w);
        watch.last_activity = m + Duration::from_secs(10 * 60);
        let s = Duration::from_secs(20 * 60);
        assert_eq!(watch.tick_at(m + s, w + s, LIMIT), None);
    }

    #[test]
    fn a_jump_of_the_wall_clock_beyond_the_monotonic_clock_is_sleep() {
        let (m, w) = (Instant::now(), SystemTime::now());
        let mut watch = IdleWatch::starting_at(m, w);
        let mono = m + Duration::from_secs(5);
        let wall = w + Duration::from_secs(2 * 60 * 60);
        assert_eq!(watch.tick_at(mono, wall, LIMIT), Some(LockReason::Sleep));
        // The clock being set back is not sleep.
        let mono = mono + Duration::from_secs(5);
        let wall = wall - Duration::from_secs(3600);
        assert_eq!(watch.tick_at(mono, wall, LIMIT), None);
    }
}
