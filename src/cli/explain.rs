//! `sourcebook explain`: a rule's documentation, the list of rules, or the whole reference.

use std::io::Write;

use sourcebook::{Error, catalog};

use super::args::ExplainArgs;
use super::exit;

pub fn run(args: ExplainArgs) -> Result<u8, Error> {
    let mut out = std::io::stdout().lock();
    if args.all {
        out.write_all(catalog::reference_markdown().as_bytes())?;
    } else if args.list {
        for r in catalog::all() {
            writeln!(
                out,
                "{}  {:<26} {:<8} {}",
                r.code, r.name, r.severity, r.summary
            )?;
        }
    } else {
        let key = args.rule.unwrap_or_default();
        let rule = catalog::find(&key).ok_or(Error::UnknownRule(key))?;
        out.write_all(rule.markdown().as_bytes())?;
    }
    out.flush()?;
    Ok(exit::CLEAN)
}
