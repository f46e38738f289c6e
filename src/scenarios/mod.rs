//! Built-in scenarios: small asyncio programs written in Rust against
//! taskline's API, one file each, for the chapter's sections.
//!
//! Each scenario has an id (the reference file's stem for the 19 CPython
//! reference programs, e.g. `07_cancel_long_task`), a title, the chapter
//! section it illustrates, a short explanation and its own source text, so
//! the app can show it with the current lines highlighted.

use crate::runtime::{Config, Runtime};
use crate::trace::Log;

mod s01_hello_world;
mod s02_coroutine_object;
mod s03_sequential_awaits;
mod s04_create_task_await;
mod s05_two_tasks_concurrent;
mod s06_three_tasks_other_work;
mod s07_cancel_long_task;
mod s08_wait_for_timeout;
mod s09_wait_for_in_time;
mod s10_shield_wait_for;
mod s11_cancel_before_start;
mod s12_cancel_caught_return;
mod s15_cancel_awaiting_task;
mod s17_finally_on_cancel;
mod s19_shield_outer_cancelled;
mod s21_wait_for_zero_timeout;
mod s24_fire_and_forget;
mod s27_sleep0_order;
mod s31_blocking_time_sleep;
mod s40_gather;
mod s41_gather_return_exceptions;
mod s42_blocking_ruins_concurrency;
mod s43_wait_for_swallowed_cancel;

/// The chapter section a scenario illustrates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// 2.1 Coroutines and `await`.
    Coroutines,
    /// 2.2 `asyncio.sleep`.
    Sleep,
    /// 2.3 Running tasks concurrently.
    Tasks,
    /// 2.4 Cancelling tasks.
    Cancelling,
    /// 2.4 `wait_for` timeouts.
    Timeouts,
    /// 2.4 `shield`.
    Shield,
}

impl Section {
    /// The heading, e.g. `2.4 shield`.
    pub fn title(self) -> &'static str {
        match self {
            Section::Coroutines => "2.1 coroutines and await",
            Section::Sleep => "2.2 sleep",
            Section::Tasks => "2.3 running tasks concurrently",
            Section::Cancelling => "2.4 cancelling tasks",
            Section::Timeouts => "2.4 wait_for timeouts",
            Section::Shield => "2.4 shield",
        }
    }
}

/// A built-in scenario.
#[derive(Clone, Copy)]
pub struct Scenario {
    /// Stable id, e.g. `10_shield_wait_for`.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// The chapter section.
    pub section: Section,
    /// What it shows, in a few sentences.
    pub explanation: &'static str,
    /// The scenario's Rust source (for the app's source panel).
    pub source: &'static str,
    /// The file name of the source, as it appears in event locations.
    pub file: &'static str,
    /// Runs it on the given runtime and returns the log.
    pub run: fn(Runtime) -> Log,
}

impl std::fmt::Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scenario").field("id", &self.id).field("title", &self.title).finish()
    }
}

impl Scenario {
    /// Runs the scenario with `config` (its id and title go into the log).
    pub fn run_with(&self, mut config: Config) -> Log {
        config.source = self.id.to_owned();
        config.title = self.title.to_owned();
        (self.run)(Runtime::with_config(config))
    }

    /// Runs the scenario on the virtual clock.
    pub fn run(&self) -> Log {
        self.run_with(Config::default())
    }
    /// The scenario as the Python listing a learner reads
    /// (`assets/scenarios/<id>.py`, embedded): the same program as the Rust
    /// version, runnable with [`Scenario::run_python`].
    pub fn python_source(&self) -> Option<&'static str> {
        python_listing(self.id)
    }

    /// The file name of the Python listing (`<id>.py`), as it appears in the
    /// event locations of [`Scenario::run_python`].
    pub fn python_file(&self) -> String {
        format!("{}.py", self.id)
    }

    /// Runs the Python listing with the script interpreter ([`crate::script`]):
    /// the same trace as the Rust version, with the `.py` lines as locations.
    /// `None` if the scenario has no listing.
    pub fn run_python(&self, mut config: Config) -> Option<Result<Log, crate::script::ScriptError>> {
        let src = self.python_source()?;
        config.source = self.id.to_owned();
        config.title = self.title.to_owned();
        Some(crate::script::run_source(&self.python_file(), src, config))
    }
}

/// The embedded Python listing of the scenario `id`.
fn python_listing(id: &str) -> Option<&'static str> {
    match id {
        "01_hello_world" => Some(include_str!("../../assets/scenarios/01_hello_world.py")),
        "02_coroutine_object" => Some(include_str!("../../assets/scenarios/02_coroutine_object.py")),
        "03_sequential_awaits" => Some(include_str!("../../assets/scenarios/03_sequential_awaits.py")),
        "04_create_task_await" => Some(include_str!("../../assets/scenarios/04_create_task_await.py")),
        "05_two_tasks_concurrent" => Some(include_str!("../../assets/scenarios/05_two_tasks_concurrent.py")),
        "06_three_tasks_other_work" => Some(include_str!("../../assets/scenarios/06_three_tasks_other_work.py")),
        "07_cancel_long_task" => Some(include_str!("../../assets/scenarios/07_cancel_long_task.py")),
        "08_wait_for_timeout" => Some(include_str!("../../assets/scenarios/08_wait_for_timeout.py")),
        "09_wait_for_in_time" => Some(include_str!("../../assets/scenarios/09_wait_for_in_time.py")),
        "10_shield_wait_for" => Some(include_str!("../../assets/scenarios/10_shield_wait_for.py")),
        "11_cancel_before_start" => Some(include_str!("../../assets/scenarios/11_cancel_before_start.py")),
        "12_cancel_caught_return" => Some(include_str!("../../assets/scenarios/12_cancel_caught_return.py")),
        "15_cancel_awaiting_task" => Some(include_str!("../../assets/scenarios/15_cancel_awaiting_task.py")),
        "17_finally_on_cancel" => Some(include_str!("../../assets/scenarios/17_finally_on_cancel.py")),
        "19_shield_outer_cancelled" => Some(include_str!("../../assets/scenarios/19_shield_outer_cancelled.py")),
        "21_wait_for_zero_timeout" => Some(include_str!("../../assets/scenarios/21_wait_for_zero_timeout.py")),
        "24_fire_and_forget" => Some(include_str!("../../assets/scenarios/24_fire_and_forget.py")),
        "27_sleep0_order" => Some(include_str!("../../assets/scenarios/27_sleep0_order.py")),
        "31_blocking_time_sleep" => Some(include_str!("../../assets/scenarios/31_blocking_time_sleep.py")),
        "40_gather" => Some(include_str!("../../assets/scenarios/40_gather.py")),
        "41_gather_return_exceptions" => Some(include_str!("../../assets/scenarios/41_gather_return_exceptions.py")),
        "42_blocking_ruins_concurrency" => {
            Some(include_str!("../../assets/scenarios/42_blocking_ruins_concurrency.py"))
        }
        "43_wait_for_swallowed_cancel" => Some(include_str!("../../assets/scenarios/43_wait_for_swallowed_cancel.py")),
        _ => None,
    }
}

/// Every built-in scenario, in chapter order.
pub fn all() -> &'static [Scenario] {
    static ALL: [Scenario; 23] = [
        s01_hello_world::SCENARIO,
        s02_coroutine_object::SCENARIO,
        s03_sequential_awaits::SCENARIO,
        s04_create_task_await::SCENARIO,
        s05_two_tasks_concurrent::SCENARIO,
        s06_three_tasks_other_work::SCENARIO,
        s27_sleep0_order::SCENARIO,
        s40_gather::SCENARIO,
        s41_gather_return_exceptions::SCENARIO,
        s31_blocking_time_sleep::SCENARIO,
        s42_blocking_ruins_concurrency::SCENARIO,
        s07_cancel_long_task::SCENARIO,
        s11_cancel_before_start::SCENARIO,
        s12_cancel_caught_return::SCENARIO,
        s15_cancel_awaiting_task::SCENARIO,
        s17_finally_on_cancel::SCENARIO,
        s24_fire_and_forget::SCENARIO,
        s08_wait_for_timeout::SCENARIO,
        s09_wait_for_in_time::SCENARIO,
        s21_wait_for_zero_timeout::SCENARIO,
        s43_wait_for_swallowed_cancel::SCENARIO,
        s10_shield_wait_for::SCENARIO,
        s19_shield_outer_cancelled::SCENARIO,
    ];
    &ALL
}

/// The scenario with this id.
pub fn find(id: &str) -> Option<&'static Scenario> {
    all().iter().find(|s| s.id == id)
}

/// Declares a scenario file's `SCENARIO` constant.
macro_rules! scenario {
    (id: $id:expr, title: $title:expr, section: $section:expr, explanation: $expl:expr, main: $main:path $(,)?) => {
        /// This file's scenario.
        pub const SCENARIO: $crate::scenarios::Scenario = $crate::scenarios::Scenario {
            id: $id,
            title: $title,
            section: $section,
            explanation: $expl,
            source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", file!())),
            file: file!(),
            run: |rt| rt.run($main()).log,
        };
    };
}
pub(crate) use scenario;
