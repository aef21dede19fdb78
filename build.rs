//! Rebuilds the binary when a bundled text changes: `include_dir!` alone does not tell cargo.

fn main() {
    println!("cargo:rerun-if-changed=content");
}
