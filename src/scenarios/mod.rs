//! Built-in scenarios: the chapter's asyncio programs, one `.py` listing
//! each under `assets/scenarios/` (embedded), for its sections.
//!
//! Every path runs the listing itself with the script interpreter
//! ([`crate::script`]): the CLI (`taskline run <id>`), the app and its live
//! view, and the exports. So one id is one program with one set of source
//! lines everywhere. (The same programs written against the Rust API are in
//! the test suite, `tests/it/twins/`, which checks that both record the same
//! trace, and the API's own example is `examples/shield_wait_for.rs`.)
//!
//! Each scenario has an id (the reference file's stem for the CPython
//! reference programs, e.g. `07_cancel_long_task`), a title, the chapter
//! section it illustrates and a short explanation.

use crate::runtime::Config;
use crate::trace::Log;

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
    /// 3.1 Locks: races and mutual exclusion.
    Locks,
    /// 3.2 Events and conditions.
    Signals,
    /// 3.3 Semaphores.
    Semaphores,
    /// 3.4 Queues.
    Queues,
    /// 3.5 Waiting on many tasks: `wait`, `as_completed`.
    Waiting,
    /// 3.6 Futures and loop callbacks.
    Futures,
    /// 3.7 Worker threads.
    Threads,
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
            Section::Locks => "3.1 locks: races and mutual exclusion",
            Section::Signals => "3.2 events and conditions",
            Section::Semaphores => "3.3 semaphores",
            Section::Queues => "3.4 queues",
            Section::Waiting => "3.5 waiting on many tasks",
            Section::Futures => "3.6 futures and callbacks",
            Section::Threads => "3.7 worker threads",
        }
    }

    /// The chapter the section belongs to, e.g. `2 asyncio basics`: the
    /// picker groups sections under it.
    pub fn chapter(self) -> &'static str {
        match self {
            Section::Coroutines
            | Section::Sleep
            | Section::Tasks
            | Section::Cancelling
            | Section::Timeouts
            | Section::Shield => "2 asyncio basics",
            Section::Locks
            | Section::Signals
            | Section::Semaphores
            | Section::Queues
            | Section::Waiting
            | Section::Futures
            | Section::Threads => "3 asyncio's toolkit",
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
    /// The Python listing (`assets/scenarios/<id>.py`, embedded).
    pub source: &'static str,
}

impl std::fmt::Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scenario").field("id", &self.id).field("title", &self.title).finish()
    }
}

impl Scenario {
    /// The listing's file name (`<id>.py`), as it appears in event locations.
    pub fn file(&self) -> String {
        format!("{}.py", self.id)
    }

    /// Runs the listing with `config` (its id and title go into the log).
    ///
    /// The listings are part of the build and a test runs each one, so they
    /// always compile; were one refused all the same, the log says so
    /// (`meta.stopped`) instead of the program's events.
    pub fn run_with(&self, mut config: Config) -> Log {
        config.source = self.id.to_owned();
        config.title = self.title.to_owned();
        let (source, title) = (config.source.clone(), config.title.clone());
        match crate::script::run_source(&self.file(), self.source, config) {
            Ok(log) => log,
            Err(e) => {
                let mut log = Log::default();
                log.meta.source = source;
                log.meta.title = title;
                log.meta.stopped = Some(format!("the built-in listing was refused: {e}"));
                log
            }
        }
    }

    /// Runs the listing on the virtual clock.
    pub fn run(&self) -> Log {
        self.run_with(Config::default())
    }
}

/// The embedded listing `assets/scenarios/<id>.py`.
macro_rules! listing {
    ($id:literal) => {
        include_str!(concat!("../../assets/scenarios/", $id, ".py"))
    };
}

/// Every built-in scenario, in chapter order.
pub fn all() -> &'static [Scenario] {
    static ALL: [Scenario; 34] = [
        Scenario {
            id: "01_hello_world",
            title: "Hello world coroutine",
            section: Section::Coroutines,
            explanation: "main awaits a coroutine that sleeps for 1 s and returns a string. Awaiting a \
            coroutine runs it inside the awaiting task: there is one task, main, which suspends at the \
            sleep and resumes 1 s later.",
            source: listing!("01_hello_world"),
        },
        Scenario {
            id: "02_coroutine_object",
            title: "A coroutine object does nothing until awaited",
            section: Section::Coroutines,
            explanation: "Calling coroutine_add_one(1) only creates a coroutine object; nothing runs. \
            Dropping it without awaiting it gives the warning \"coroutine 'coroutine_add_one' was never \
            awaited\". Awaiting a coroutine that never suspends takes no time and creates no task.",
            source: listing!("02_coroutine_object"),
        },
        Scenario {
            id: "03_sequential_awaits",
            title: "Sequential awaits add up",
            section: Section::Sleep,
            explanation: "Awaiting coroutines one after the other runs them one after the other inside \
            main: the sleeps add up to 1 + 2 = 3 s. Only creating tasks makes work overlap.",
            source: listing!("03_sequential_awaits"),
        },
        Scenario {
            id: "04_create_task_await",
            title: "create_task, then await",
            section: Section::Tasks,
            explanation: "create_task only schedules the task: it starts after main suspends at its \
            await. main prints done=False before the task has run a single line.",
            source: listing!("04_create_task_await"),
        },
        Scenario {
            id: "05_two_tasks_concurrent",
            title: "Two tasks run concurrently",
            section: Section::Tasks,
            explanation: "Two tasks sleep 2 s and 3 s at the same time; awaiting them one after the other \
            still takes max(2, 3) = 3 s, not 5 s.",
            source: listing!("05_two_tasks_concurrent"),
        },
        Scenario {
            id: "06_three_tasks_other_work",
            title: "Three tasks while main does other work",
            section: Section::Tasks,
            explanation: "Three tasks sleep 3 s while main prints every second. At 3.0 s the three timers \
            fire in the order they were set, and the tasks finish in creation order before main \
            resumes.",
            source: listing!("06_three_tasks_other_work"),
        },
        Scenario {
            id: "27_sleep0_order",
            title: "sleep(0) round robin",
            section: Section::Sleep,
            explanation: "sleep(0) hands control back to the loop without advancing time. Three tasks \
            that print and sleep(0) take turns A, B, C, A, B, C in creation order, all at 0 s: use the \
            event-order axis to see the interleaving.",
            source: listing!("27_sleep0_order"),
        },
        Scenario {
            id: "40_gather",
            title: "gather runs coroutines concurrently",
            section: Section::Tasks,
            explanation: "gather wraps each coroutine in a task (named delay#1, delay#2, delay#3) and \
            waits for all of them. They sleep at the same time; the results come back in argument \
            order after the slowest, at 3 s.",
            source: listing!("40_gather"),
        },
        Scenario {
            id: "41_gather_return_exceptions",
            title: "gather with a failing child",
            section: Section::Tasks,
            explanation: "With return_exceptions=True the ValueError is returned as one of the results. \
            Without it, gather fails as soon as the child fails (at 5 s, 2 s after the second gather \
            began) while the other children keep running: gather does not cancel them.",
            source: listing!("41_gather_return_exceptions"),
        },
        Scenario {
            id: "31_blocking_time_sleep",
            title: "time.sleep blocks the loop",
            section: Section::Sleep,
            explanation: "time.sleep(1) inside a coroutine holds the whole loop: while blocking_A blocks, \
            blocking_B cannot even start, and the pair takes 3 s. With await sleep(1) instead, both \
            work phases overlap and the pair takes 2 s.",
            source: listing!("31_blocking_time_sleep"),
        },
        Scenario {
            id: "42_blocking_ruins_concurrency",
            title: "Blocking work ruins concurrency",
            section: Section::Sleep,
            explanation: "Three requests under gather: when each does blocking work (time.sleep), the loop \
            can run only one at a time and they take 3 s; when each awaits sleep instead, they overlap \
            and take 1 s.",
            source: listing!("42_blocking_ruins_concurrency"),
        },
        Scenario {
            id: "07_cancel_long_task",
            title: "Cancelling a long task",
            section: Section::Cancelling,
            explanation: "main calls long_task.cancel() at 5 s. cancel() only requests: long_task gets \
            CancelledError at its sleep after main suspends. main checked done() before that (still \
            False), so it sleeps once more and reports the cancellation at 6 s.",
            source: listing!("07_cancel_long_task"),
        },
        Scenario {
            id: "11_cancel_before_start",
            title: "Cancelling a task before it starts",
            section: Section::Cancelling,
            explanation: "Both tasks are cancelled before they ever ran. cancel() returns True but done() \
            stays False until the loop runs them; their first step throws CancelledError in before the \
            first line, so even stubborn's handler never runs.",
            source: listing!("11_cancel_before_start"),
        },
        Scenario {
            id: "12_cancel_caught_return",
            title: "A task swallows its cancellation",
            section: Section::Cancelling,
            explanation: "The task catches CancelledError at its sleep and returns normally: the \
            cancellation is swallowed, the task ends with a result, and cancelled() is False.",
            source: listing!("12_cancel_caught_return"),
        },
        Scenario {
            id: "15_cancel_awaiting_task",
            title: "Cancelling a task that awaits another",
            section: Section::Cancelling,
            explanation: "main cancels parent while parent awaits child: the cancel is forwarded to child. \
            child runs its cleanup and ends cancelled first; only then does parent resume with \
            CancelledError, run its own cleanup and end cancelled.",
            source: listing!("15_cancel_awaiting_task"),
        },
        Scenario {
            id: "17_finally_on_cancel",
            title: "Cleanup on cancellation, innermost first",
            section: Section::Cancelling,
            explanation: "worker awaits middle, which awaits inner, which sleeps. Cancelling worker \
            delivers CancelledError at that innermost sleep; it unwinds through inner, middle and \
            worker, each running its cleanup on the way out.",
            source: listing!("17_finally_on_cancel"),
        },
        Scenario {
            id: "24_fire_and_forget",
            title: "Fire and forget",
            section: Section::Cancelling,
            explanation: "boom fails at 1 s and nobody awaits it: when main returns and drops the last \
            handle, the loop reports \"Task exception was never retrieved\". slow is still sleeping \
            when main returns; the shutdown of run cancels it.",
            source: listing!("24_fire_and_forget"),
        },
        Scenario {
            id: "08_wait_for_timeout",
            title: "wait_for times out",
            section: Section::Timeouts,
            explanation: "wait_for(task, 1) on a 2 s task: at 1 s the deadline cancels main, and main's \
            cancel is forwarded to the task it awaits. The task is cancelled first, then main resumes \
            and its CancelledError becomes TimeoutError.",
            source: listing!("08_wait_for_timeout"),
        },
        Scenario {
            id: "09_wait_for_in_time",
            title: "wait_for in time",
            section: Section::Timeouts,
            explanation: "wait_for on a coroutine creates no task: delay(1) runs inside main and returns \
            before the 2 s deadline. On a task, main waits on it under the deadline and gets its \
            result at 2 s.",
            source: listing!("09_wait_for_in_time"),
        },
        Scenario {
            id: "21_wait_for_zero_timeout",
            title: "wait_for with timeout 0",
            section: Section::Timeouts,
            explanation: "With timeout 0, wait_for wraps a coroutine in a task and cancels it before it \
            starts; returns the result of a finished task at once; and cancels a started task, waits \
            for it to finish cancelling, then raises TimeoutError. No time passes.",
            source: listing!("21_wait_for_zero_timeout"),
        },
        Scenario {
            id: "43_wait_for_swallowed_cancel",
            title: "wait_for when the cancel is swallowed",
            section: Section::Timeouts,
            explanation: "The deadline cancels the inner work, which catches CancelledError and returns a \
            fallback. wait_for then returns that value instead of raising TimeoutError, for a \
            coroutine and for a task alike.",
            source: listing!("43_wait_for_swallowed_cancel"),
        },
        Scenario {
            id: "10_shield_wait_for",
            title: "shield + wait_for",
            section: Section::Shield,
            explanation: "wait_for(shield(task), 5) times out at 5 s: the deadline cancels main, and the \
            cancel stops at the shield's outer future, so the shielded task never hears of it. main \
            gets TimeoutError, then awaits the task, which finishes at 10 s.",
            source: listing!("10_shield_wait_for"),
        },
        Scenario {
            id: "19_shield_outer_cancelled",
            title: "shield protects the inner task",
            section: Section::Shield,
            explanation: "waiter awaits shield(inner). Cancelling waiter at 2 s cancels only the shield's \
            outer future: waiter gets CancelledError, while inner never receives a cancel request and \
            finishes at 5 s.",
            source: listing!("19_shield_outer_cancelled"),
        },
        Scenario {
            id: "50_lost_update_race",
            title: "A race: lost updates without a lock",
            section: Section::Locks,
            explanation: "Three deposits read the balance, await a 0.1 s round trip, then write back what \
            they read plus 10. All three read 0 before any of them writes, so two updates are lost: the \
            balance ends at 10, not 30.",
            source: listing!("50_lost_update_race"),
        },
        Scenario {
            id: "51_lock_protects_update",
            title: "A lock protects the read-modify-write",
            section: Section::Locks,
            explanation: "The same deposits holding an asyncio.Lock across read, await and write. The \
            first takes the lock; the others queue behind it and get it in the order they asked, each \
            when the holder releases it. The balance is 30, and the deposits run one after the other.",
            source: listing!("51_lock_protects_update"),
        },
        Scenario {
            id: "53_event_start_signal",
            title: "An event as a start signal",
            section: Section::Signals,
            explanation: "Three runners wait on one Event. main sets it at 1 s and set() wakes all of \
            them at once, in the order they began waiting. A runner that waits after the event is set \
            goes straight on.",
            source: listing!("53_event_start_signal"),
        },
        Scenario {
            id: "54_condition_notify",
            title: "Condition: notify vs notify_all",
            section: Section::Signals,
            explanation: "Three consumers wait on a Condition. notify() wakes the one that waited longest; \
            notify_all() wakes the rest. A woken consumer must re-acquire the condition's lock before \
            wait() returns, so they resume one at a time.",
            source: listing!("54_condition_notify"),
        },
        Scenario {
            id: "52_semaphore_limit",
            title: "A semaphore limits concurrency to 2",
            section: Section::Semaphores,
            explanation: "Five downloads under Semaphore(2): two run, the others wait for a free slot. \
            Each release at the end of a download lets the next waiter in, so they run in waves of two \
            and the batch takes 3 s instead of 1 s.",
            source: listing!("52_semaphore_limit"),
        },
        Scenario {
            id: "55_queue_producer_consumer",
            title: "Producer, consumers and queue.join()",
            section: Section::Queues,
            explanation: "A producer puts six orders on a Queue every 0.5 s; two workers get() them (waiting \
            while the queue is empty) and call task_done() after each. join() returns when every order \
            is done; then main cancels the idle workers.",
            source: listing!("55_queue_producer_consumer"),
        },
        Scenario {
            id: "56_queue_backpressure",
            title: "A bounded queue pushes back",
            section: Section::Queues,
            explanation: "Queue(maxsize=2) between a fast producer and a slow consumer: once two items wait, \
            put() blocks the producer until the consumer takes one, so the producer slows to the \
            consumer's pace instead of piling up work.",
            source: listing!("56_queue_backpressure"),
        },
        Scenario {
            id: "57_wait_first_completed",
            title: "wait(FIRST_COMPLETED): a race",
            section: Section::Waiting,
            explanation: "Three mirrors download the same file; asyncio.wait returns when the fastest \
            finishes, with the other two still running: wait cancels nothing. main cancels the losers \
            and waits for them to finish cancelling.",
            source: listing!("57_wait_first_completed"),
        },
        Scenario {
            id: "58_as_completed",
            title: "as_completed: results as they finish",
            section: Section::Waiting,
            explanation: "as_completed hands back results in the order the work finishes (1, 2, 3 s), \
            not the order it started. With timeout=2.5 it raises TimeoutError before the slow page \
            and leaves that task running; asyncio.run's shutdown cancels it.",
            source: listing!("58_as_completed"),
        },
        Scenario {
            id: "59_future_set_by_callback",
            title: "A future set by a callback",
            section: Section::Futures,
            explanation: "main creates a plain Future, asks the loop to call deliver() in 2 s \
            (call_later) and awaits the future. At 2 s no task runs: the loop runs the callback, whose \
            set_result wakes main; the future's done callback runs right after.",
            source: listing!("59_future_set_by_callback"),
        },
        Scenario {
            id: "60_to_thread_vs_blocking",
            title: "to_thread keeps the loop free",
            section: Section::Threads,
            explanation: "A heartbeat task beats every 0.5 s. When main calls the blocking crunch(1.5) \
            itself, the loop freezes and no beat comes for 1.5 s. Through asyncio.to_thread the same \
            work runs in a worker thread for 1.5 s while the heartbeat keeps beating.",
            source: listing!("60_to_thread_vs_blocking"),
        },
    ];
    &ALL
}

/// The scenario with this id.
pub fn find(id: &str) -> Option<&'static Scenario> {
    all().iter().find(|s| s.id == id)
}
