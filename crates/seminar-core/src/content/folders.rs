//! Reading a library's text folders on all cores: each worker takes a run of folders, and the
//! results come back in the folders' order, so problems are reported as a single pass would.

use std::path::PathBuf;

/// What `work` made of each run of `dirs`, in order. A panic in a worker is re-raised here.
pub(crate) fn in_order<R: Send>(dirs: &[PathBuf], work: impl Fn(&[PathBuf]) -> R + Sync) -> Vec<R> {
    // A large library is mostly reading, parsing and checking thousands of small files.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = dirs.len().div_ceil(workers).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = dirs
            .chunks(chunk)
            .map(|run| scope.spawn(move || work(run)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
