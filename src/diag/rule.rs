//! What every rule is, apart from its check: a stable code, a name, its family, its default
//! severity and the documentation a contributor reads. The loader, the schema validator and
//! the dataset rules each declare theirs; `sourcebook explain` and `docs/rules.md` print them.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use crate::layout::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported, fails the check only with `--deny-warnings`.
    Warning,
    /// Fails the check.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The family a rule belongs to; the first digit of its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Load,
    Schema,
    Dates,
    Rights,
    Identity,
    Links,
    Text,
    Countries,
    Privacy,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Load => "Loading",
            Group::Schema => "Schema",
            Group::Dates => "Dates",
            Group::Rights => "Rights and fair use",
            Group::Identity => "Identity and references",
            Group::Links => "Links",
            Group::Text => "Text",
            Group::Countries => "Countries and helplines",
            Group::Privacy => "Privacy",
        }
    }
}

/// One rule's identity and documentation. Codes are never renumbered: a retired rule keeps
/// its code forever and no code is ever reused.
#[derive(Debug)]
pub struct Rule {
    /// `SB` and three digits; never renumbered.
    pub code: &'static str,
    pub name: &'static str,
    pub group: Group,
    /// The severity unless the dataset's configuration says otherwise.
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters, in a paragraph or two.
    pub why: &'static str,
    /// A file fragment that breaks the rule.
    pub fails: &'static str,
    /// The same fragment, fixed.
    pub passes: &'static str,
    /// What to do when it fires.
    pub fix: &'static str,
    /// Which kind of shipped file `fails` and `passes` are fragments of: their top-level
    /// fields replace that file's, and a test checks the first breaks the rule and the second
    /// does not. `None` for examples that are prose or span several files.
    pub example: Option<Kind>,
}

// Rules are identified by their code.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Rule {}

impl Rule {
    /// The rule's documentation as Markdown, as `explain` prints it and `docs/rules.md` holds it.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "## {} `{}`\n", self.code, self.name);
        let _ = writeln!(s, "{}\n", self.summary);
        let _ = writeln!(s, "Default severity: **{}**.\n", self.severity);
        let _ = writeln!(s, "### Why\n\n{}\n", self.why.trim());
        let _ = writeln!(s, "### Fails\n\n```json\n{}\n```\n", self.fails.trim_end());
        let _ = writeln!(
            s,
            "### Passes\n\n```json\n{}\n```\n",
            self.passes.trim_end()
        );
        let _ = writeln!(s, "### How to fix\n\n{}", self.fix.trim());
        s
    }
}
