//! Log output: `tracing` lines on stderr, filtered by the settings' level or `RUST_LOG`.

/// Starts `tracing` output on stderr with the given filter (`RUST_LOG` wins when set).
pub fn init(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(level))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
