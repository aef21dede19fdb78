//! Resident memory of this process (VmRSS, VmHWM from /proc/self/status) and sizes on disk.

use std::path::Path;

/// Resident memory, in KiB; `None` where /proc is not available.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Memory {
    /// Resident set size now.
    pub rss_kb: Option<u64>,
    /// The highest resident set size so far ("high water mark").
    pub hwm_kb: Option<u64>,
}

impl Memory {
    /// This process's resident memory now.
    pub fn now() -> Memory {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        Memory {
            rss_kb: status_kb(&status, "VmRSS"),
            hwm_kb: status_kb(&status, "VmHWM"),
        }
    }
}

/// The value of a `Key:   1234 kB` line of /proc/self/status, in KiB.
pub fn status_kb(status: &str, key: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if name.trim() != key {
            return None;
        }
        value.split_whitespace().next()?.parse().ok()
    })
}

/// The machine: its cores and the 1-minute load average (what else was running), when known.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string));
    match load {
        Some(load) => format!("{cores} cores, load average {load}"),
        None => format!("{cores} cores"),
    }
}

/// KiB as MB (10^6 bytes) with one decimal, or `n/a`.
pub fn mb(kb: Option<u64>) -> String {
    kb.map_or_else(
        || "n/a".to_string(),
        |kb| format!("{:.1}", kb as f64 * 1024.0 / 1e6),
    )
}

/// Bytes as MB (10^6 bytes) with one decimal.
pub fn bytes_mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

/// The sum of the sizes of every file under `dir` (following no links), and how many files.
pub fn dir_size(dir: &Path) -> (u64, usize) {
    let mut total = (0, 0);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return total;
    };
    for entry in entries.filter_map(Result::ok) {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            let (bytes, files) = dir_size(&entry.path());
            total.0 += bytes;
            total.1 += files;
        } else if kind.is_file() {
            total.0 += entry.metadata().map_or(0, |m| m.len());
            total.1 += 1;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_are_read_in_kib() {
        let status = "Name:\tseminar\nVmHWM:\t  204800 kB\nVmRSS:\t   51200 kB\nThreads:\t3\n";
        assert_eq!(status_kb(status, "VmRSS"), Some(51_200));
        assert_eq!(status_kb(status, "VmHWM"), Some(204_800));
        assert_eq!(status_kb(status, "VmSwap"), None);
        assert_eq!(mb(Some(1000)), "1.0");
        assert_eq!(mb(None), "n/a");
    }

    #[test]
    fn this_process_has_resident_memory_on_linux() {
        if cfg!(target_os = "linux") {
            let memory = Memory::now();
            assert!(memory.rss_kb.is_some_and(|kb| kb > 0));
            assert!(memory.hwm_kb >= memory.rss_kb);
        }
    }
}
