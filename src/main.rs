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
            eprintln!("dxplan: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each reason once: a cause whose
/// words the line already holds (an I/O error quoted by the message that
/// wraps it) is not repeated.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let e = anyhow::Error::new(dxplan::Error::new(
            "a.pdf",
            dxplan::error::ReadError::Io(io),
        ));
        assert_eq!(one_line(&e), "a.pdf: cannot read the file: No such file");
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(one_line(&e), "outer: inner");
    }
}
