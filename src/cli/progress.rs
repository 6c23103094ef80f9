//! The progress bar of long runs: drawn on stderr only when stderr is a terminal (never in a CI
//! log or piped output) and only once a stage has run for a second, so quick runs print nothing
//! they did not print before.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sourcebook::progress::Progress;

/// How long a stage runs before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

struct Stage {
    bar: ProgressBar,
    /// Which stage this is, so a late reveal does not show a later one early.
    serial: u64,
}

/// A [`Progress`] that draws on stderr when it is a terminal.
pub struct Bar {
    enabled: bool,
    stage: Arc<Mutex<Option<Stage>>>,
    serial: Mutex<u64>,
}

impl Bar {
    /// A bar for this process: enabled when stderr is a terminal and no CI is said to run.
    pub fn for_stderr() -> Bar {
        Bar {
            enabled: wanted(std::io::stderr().is_terminal(), std::env::var_os("CI")),
            stage: Arc::new(Mutex::new(None)),
            serial: Mutex::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<Stage>> {
        self.stage.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether to draw: only on a terminal, and not when `CI` says a CI runs (some give their
/// jobs a terminal, and a log full of redrawn bars helps no one).
fn wanted(terminal: bool, ci: Option<std::ffi::OsString>) -> bool {
    terminal && ci.is_none_or(|v| v.is_empty() || v == "false" || v == "0")
}

impl Progress for Bar {
    fn begin(&self, what: &str, steps: u64) {
        if !self.enabled {
            return;
        }
        let hidden = ProgressDrawTarget::hidden();
        let bar = if steps > 0 {
            let style = ProgressStyle::with_template(
                "{msg:>10} [{bar:30}] {human_pos}/{human_len} ({per_sec}, {eta} left)",
            )
            .expect("a valid template")
            .progress_chars("=> ");
            ProgressBar::with_draw_target(Some(steps), hidden).with_style(style)
        } else {
            let style = ProgressStyle::with_template("{msg:>10} {spinner} {elapsed}")
                .expect("a valid template");
            ProgressBar::with_draw_target(None, hidden).with_style(style)
        };
        bar.set_message(what.to_string());
        let serial = {
            let mut s = self.serial.lock().unwrap_or_else(|e| e.into_inner());
            *s += 1;
            *s
        };
        if let Some(old) = self.lock().replace(Stage { bar, serial }) {
            old.bar.finish_and_clear();
        }
        let stage = Arc::clone(&self.stage);
        std::thread::spawn(move || {
            std::thread::sleep(DELAY);
            let guard = stage.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = guard.as_ref().filter(|s| s.serial == serial) {
                s.bar.set_draw_target(ProgressDrawTarget::stderr());
                s.bar.enable_steady_tick(Duration::from_millis(120));
            }
        });
    }

    fn advance(&self, steps: u64) {
        if let Some(s) = self.lock().as_ref() {
            s.bar.inc(steps);
        }
    }

    fn end(&self) {
        if let Some(s) = self.lock().take() {
            s.bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_only_on_a_terminal_outside_ci() {
        assert!(wanted(true, None));
        assert!(wanted(true, Some("false".into())));
        assert!(!wanted(false, None), "piped or redirected");
        assert!(!wanted(true, Some("true".into())));
        assert!(!wanted(true, Some("1".into())));
    }

    #[test]
    fn a_disabled_bar_keeps_no_stage() {
        let bar = Bar {
            enabled: false,
            stage: Arc::new(Mutex::new(None)),
            serial: Mutex::new(0),
        };
        bar.begin("records", 10);
        bar.advance(3);
        assert!(bar.lock().is_none());
        bar.end();
    }
}
