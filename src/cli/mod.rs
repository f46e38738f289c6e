//! Command-line output formats.
pub mod commands;
pub mod export;
pub mod term;
pub mod text;
