//! The lab's integration tests, one binary: the `seminar-lab` command line, and Seminar's answer
//! quality next to the baselines.

mod cli;
mod quality;
mod support;
