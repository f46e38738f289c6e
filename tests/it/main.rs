//! All integration tests, in one binary: a clean build links eframe, wgpu,
//! resvg and ruff once instead of once per file. One behaviour per module.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod blocking;
mod budgets;
mod cancel_delivery;
mod cancel_forwarding;
mod cli;
mod cli_io;
mod common;
mod conformance;
mod deadlock;
mod determinism;
mod export_cli;
mod export_images;
mod export_limits;
mod export_trace;
mod futures;
mod fuzz;
mod gather;
mod gui_app;
mod gui_live;
mod gui_snapshots;
mod handles;
mod internal_panic;
mod panics;
mod queues;
mod real_clock;
mod runaway;
mod script_errors;
mod script_limits;
mod script_modules;
mod scripts;
mod shield;
mod sync_primitives;
mod threads;
mod timers;
mod twins;
mod wait;
mod wait_for;
mod warnings;
mod why;
