//! The Rust twins of the built-in scenarios: each `.py` listing in
//! `assets/scenarios/` written again against taskline's Rust API. The app,
//! the CLI and the exports run the listings; these twins check that the
//! library API records the same trace as the interpreter does.

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
mod s50_lost_update_race;
mod s51_lock_protects_update;
mod s52_semaphore_limit;
mod s53_event_start_signal;
mod s54_condition_notify;
mod s55_queue_producer_consumer;
mod s56_queue_backpressure;
mod s57_wait_first_completed;
mod s58_as_completed;
mod s59_future_set_by_callback;
mod s60_to_thread_vs_blocking;

/// Runs a twin on a runtime and returns its log.
type Twin = fn(taskline::Runtime) -> taskline::trace::Log;

/// Every twin: (scenario id, runner).
pub fn all() -> Vec<(&'static str, Twin)> {
    vec![
        (s01_hello_world::ID, s01_hello_world::run),
        (s02_coroutine_object::ID, s02_coroutine_object::run),
        (s03_sequential_awaits::ID, s03_sequential_awaits::run),
        (s04_create_task_await::ID, s04_create_task_await::run),
        (s05_two_tasks_concurrent::ID, s05_two_tasks_concurrent::run),
        (s06_three_tasks_other_work::ID, s06_three_tasks_other_work::run),
        (s07_cancel_long_task::ID, s07_cancel_long_task::run),
        (s08_wait_for_timeout::ID, s08_wait_for_timeout::run),
        (s09_wait_for_in_time::ID, s09_wait_for_in_time::run),
        (s10_shield_wait_for::ID, s10_shield_wait_for::run),
        (s11_cancel_before_start::ID, s11_cancel_before_start::run),
        (s12_cancel_caught_return::ID, s12_cancel_caught_return::run),
        (s15_cancel_awaiting_task::ID, s15_cancel_awaiting_task::run),
        (s17_finally_on_cancel::ID, s17_finally_on_cancel::run),
        (s19_shield_outer_cancelled::ID, s19_shield_outer_cancelled::run),
        (s21_wait_for_zero_timeout::ID, s21_wait_for_zero_timeout::run),
        (s24_fire_and_forget::ID, s24_fire_and_forget::run),
        (s27_sleep0_order::ID, s27_sleep0_order::run),
        (s31_blocking_time_sleep::ID, s31_blocking_time_sleep::run),
        (s40_gather::ID, s40_gather::run),
        (s41_gather_return_exceptions::ID, s41_gather_return_exceptions::run),
        (s42_blocking_ruins_concurrency::ID, s42_blocking_ruins_concurrency::run),
        (s43_wait_for_swallowed_cancel::ID, s43_wait_for_swallowed_cancel::run),
        (s50_lost_update_race::ID, s50_lost_update_race::run),
        (s51_lock_protects_update::ID, s51_lock_protects_update::run),
        (s52_semaphore_limit::ID, s52_semaphore_limit::run),
        (s53_event_start_signal::ID, s53_event_start_signal::run),
        (s54_condition_notify::ID, s54_condition_notify::run),
        (s55_queue_producer_consumer::ID, s55_queue_producer_consumer::run),
        (s56_queue_backpressure::ID, s56_queue_backpressure::run),
        (s57_wait_first_completed::ID, s57_wait_first_completed::run),
        (s58_as_completed::ID, s58_as_completed::run),
        (s59_future_set_by_callback::ID, s59_future_set_by_callback::run),
        (s60_to_thread_vs_blocking::ID, s60_to_thread_vs_blocking::run),
    ]
}

#[test]
fn every_listing_has_a_rust_twin_that_records_the_same_trace() {
    use taskline::trace::asyncio::to_jsonl;
    let twins = all();
    for s in taskline::scenarios::all() {
        let Some((_, run)) = twins.iter().find(|(id, _)| *id == s.id) else { panic!("{}: no Rust twin", s.id) };
        let listing = s.run();
        assert!(!listing.events.is_empty(), "{}", s.id);
        assert_eq!(to_jsonl(&run(taskline::Runtime::new())), to_jsonl(&listing), "{}", s.id);
    }
    assert_eq!(twins.len(), taskline::scenarios::all().len(), "a twin without a listing");
}
