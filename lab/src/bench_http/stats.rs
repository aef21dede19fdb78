//! Numbers for the report: latency percentiles and the process's CPU time.

use std::time::Duration;

/// Clock ticks per second of `/proc/self/stat`'s utime and stime. `sysconf(_SC_CLK_TCK)` would
/// say, but `libc` is not a dependency; it is 100 on every Linux configuration in use (USER_HZ,
/// fixed by the kernel ABI whatever the kernel's own HZ).
const CLOCK_TICKS_PER_SEC: u64 = 100;

/// The `q` quantile (0 to 1) of a sorted sample, nearest rank; `None` when it is empty.
pub fn percentile(sorted: &[Duration], q: f64) -> Option<Duration> {
    let last = sorted.len().checked_sub(1)?;
    let rank = (last as f64 * q.clamp(0.0, 1.0)).round() as usize;
    sorted.get(rank.min(last)).copied()
}

/// CPU time this process has used (user + system, every thread), where `/proc` tells it.
pub fn process_cpu() -> Option<Duration> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let ticks = cpu_ticks(&stat)?;
    Some(Duration::from_millis(ticks * 1000 / CLOCK_TICKS_PER_SEC))
}

/// utime + stime (fields 14 and 15, in clock ticks) of a `/proc/<pid>/stat` line. The second
/// field, the command name in parentheses, may itself hold spaces and parentheses: fields are
/// counted from the last `)`.
pub fn cpu_ticks(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    // After the name come field 3 (state), 4 (ppid)…: utime is the 12th, stime the 13th.
    let mut fields = after_name.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let sample: Vec<Duration> = (1..=100).map(ms).collect();
        assert_eq!(percentile(&sample, 0.0), Some(ms(1)));
        assert_eq!(percentile(&sample, 0.5), Some(ms(51)));
        assert_eq!(percentile(&sample, 0.99), Some(ms(99)));
        assert_eq!(percentile(&sample, 1.0), Some(ms(100)));
        assert_eq!(percentile(&[ms(7)], 0.99), Some(ms(7)));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn cpu_ticks_are_read_after_the_command_name() {
        let line = "4242 (seminar (a) b) R 1 4242 4242 0 -1 4194560 2315 0 0 0 \
                    150 25 0 0 20 0 9 0 123456 1000000 2000 18446744073709551615";
        assert_eq!(cpu_ticks(line), Some(175));
        assert_eq!(cpu_ticks("4242 (seminar) R 1 2"), None);
        assert_eq!(cpu_ticks("garbage"), None);
    }

    #[test]
    fn this_process_has_a_cpu_time_on_linux() {
        assert_eq!(process_cpu().is_some(), cfg!(target_os = "linux"));
    }
}
