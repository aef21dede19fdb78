//! The `seminar` binary: parses the command line and hands over to the command line.

fn main() -> std::process::ExitCode {
    seminar::cli::main()
}
