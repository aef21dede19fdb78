//! The `seminar` binary: parses the command line and hands over to the CLI frontend.

fn main() -> std::process::ExitCode {
    seminar::frontend::cli::main()
}
