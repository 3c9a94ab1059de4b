//! The `dxplan` command line. Thin: parse, validate into a config, then work.
//!
//! Exit codes: 0 success (for `diff`: no differences); 1 an input failed
//! (for `diff`: differences found); 2 usage or other error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            if cli::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dxplan: {e:#}");
            ExitCode::from(2)
        }
    }
}
