//! The `sourcebook` binary: parse the command line, run one command through the library, print
//! what it returns, and map the outcome to an exit code. Everything else lives in the library.

mod cli;
mod memory;

fn main() -> std::process::ExitCode {
    cli::main()
}
