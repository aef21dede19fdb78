//! The `seminar-lab` binary: parses the command line and hands over to the lab's CLI.

fn main() -> std::process::ExitCode {
    seminar_lab::cli::main()
}
