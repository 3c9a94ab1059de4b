//! The `dxplan` command line. Thin: parse, validate into a config, then work.

fn main() {
    eprintln!("dxplan: not built yet");
    std::process::exit(2);
}
