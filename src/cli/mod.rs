//! Command-line output formats.
pub mod commands;
pub mod text;
