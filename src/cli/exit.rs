//! The exit codes every command ends with.

/// Nothing to report.
pub const CLEAN: u8 = 0;
/// Findings: the dataset has errors (or warnings, with `--deny-warnings`), or a check failed.
pub const FINDINGS: u8 = 1;
/// The command could not run.
pub const ERROR: u8 = 2;
