//! How a long run says how far it has got: the library calls a [`Progress`] the caller hands
//! it, and never prints; the binary's implementation draws a bar on a terminal.

/// An observer of a long run: stages with a number of steps each, and steps done. Called from
/// worker threads too, so it must be `Sync`; every method does nothing by default.
pub trait Progress: Sync {
    /// A stage begins: `what` it does ("reading records") and how many steps it has.
    fn begin(&self, what: &str, steps: u64) {
        let _ = (what, steps);
    }

    /// `steps` more steps of the current stage are done.
    fn advance(&self, steps: u64) {
        let _ = steps;
    }

    /// The current stage is over.
    fn end(&self) {}
}

/// The observer that wants to know nothing: for tests and callers without a terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {}
