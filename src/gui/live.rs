//! Live view: a run recorded on the real clock in a background thread,
//! shown as its log grows.
//!
//! The producer publishes snapshots of the log into a shared slot
//! ([`LiveFeed`]); the app takes the newest one each frame
//! ([`LiveRun::take_update`]) and keeps the cursor on the newest event
//! unless the user has stepped back (see [`super::state::Player::set_len`]).
//!
//! A scenario run publishes through the runtime's [`Observer`]: a snapshot
//! every 50 ms of wall-clock time while events arrive, and before the loop
//! waits for the next timer. Anything that can produce snapshots — a test, a
//! replay — can feed a [`LiveRun`].

use std::sync::{Arc, Mutex};

use crate::runtime::{ClockMode, Config, Observer};
use crate::scenarios::Scenario;
use crate::trace::Log;

#[derive(Debug, Default)]
struct Slot {
    log: Option<Log>,
    version: u64,
    done: bool,
}

/// The producer's end: publishes snapshots of a growing log.
#[derive(Clone, Debug, Default)]
pub struct LiveFeed {
    slot: Arc<Mutex<Slot>>,
}

impl LiveFeed {
    /// Replaces the shown log with `log` (a longer snapshot of the same run).
    pub fn publish(&self, log: Log) {
        if let Ok(mut s) = self.slot.lock() {
            s.log = Some(log);
            s.version += 1;
        }
    }

    /// Marks the run as finished.
    pub fn finish(&self) {
        if let Ok(mut s) = self.slot.lock() {
            s.done = true;
        }
    }
}

/// The app's end of a live run.
#[derive(Debug)]
pub struct LiveRun {
    id: &'static str,
    feed: LiveFeed,
    seen: u64,
}

impl LiveRun {
    /// A live run fed by hand through the returned [`LiveFeed`].
    pub fn manual(id: &'static str) -> (LiveRun, LiveFeed) {
        let feed = LiveFeed::default();
        (LiveRun { id, feed: feed.clone(), seen: 0 }, feed)
    }

    /// Runs `scenario` on the real clock in a background thread.
    pub fn start(scenario: &'static Scenario) -> LiveRun {
        let (run, feed) = LiveRun::manual(scenario.id);
        std::thread::spawn(move || {
            let live = feed.clone();
            let observer = Observer::new(std::time::Duration::from_millis(50), move |log| live.publish(log.clone()));
            let log =
                scenario.run_with(Config { clock: ClockMode::Real, observer: Some(observer), ..Config::default() });
            feed.publish(log);
            feed.finish();
        });
        run
    }

    /// The scenario id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// Whether the run has finished.
    pub fn is_done(&self) -> bool {
        self.feed.slot.lock().map(|s| s.done).unwrap_or(true)
    }

    /// The newest snapshot, if there is one not taken yet.
    pub fn take_update(&mut self) -> Option<Log> {
        let s = self.feed.slot.lock().ok()?;
        if s.version == self.seen {
            return None;
        }
        self.seen = s.version;
        s.log.clone()
    }
}
