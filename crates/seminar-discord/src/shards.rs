//! `--shards`: one shard, Discord's recommended number (`auto`), a fixed total, or a range of a
//! total for one of several processes.

use std::fmt;
use std::str::FromStr;

/// Which shards this process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shards {
    /// One shard: every server the bot is in, up to Discord's 2,500 per shard.
    #[default]
    One,
    /// As many shards as Discord recommends (`GET /gateway/bot`).
    Auto,
    /// Shards 0 to `total - 1`, all in this process.
    Total(u32),
    /// Shards `first..=last` of `total`; other processes run the rest.
    Range { first: u32, last: u32, total: u32 },
}

impl Shards {
    /// Whether this process serves `guild`: always, unless it runs only some shards of a total,
    /// where a server belongs to shard `(id >> 22) % total`, as Discord assigns it.
    pub fn serves(self, guild: u64) -> bool {
        match self {
            Shards::Range { first, last, total } if total > 0 => {
                let shard = (guild >> 22) % u64::from(total);
                (u64::from(first)..=u64::from(last)).contains(&shard)
            }
            _ => true,
        }
    }
}

impl FromStr for Shards {
    type Err = String;

    /// `auto`, `N` (a total), or `FIRST-LAST/TOTAL` (e.g. `0-3/8`: shards 0 to 3 of 8).
    fn from_str(spec: &str) -> Result<Shards, String> {
        let spec = spec.trim();
        let number = |s: &str| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| format!("`{s}` is not a shard number"))
        };
        if spec.eq_ignore_ascii_case("auto") {
            return Ok(Shards::Auto);
        }
        if let Some((range, total)) = spec.split_once('/') {
            let (first, last) = range
                .split_once('-')
                .ok_or_else(|| format!("`{range}` is not a range like 0-3"))?;
            let (first, last, total) = (number(first)?, number(last)?, number(total)?);
            if first > last || last >= total {
                return Err(format!(
                    "shards {first}-{last} do not fit in a total of {total} (shards are numbered 0 to {})",
                    total.saturating_sub(1)
                ));
            }
            return Ok(Shards::Range { first, last, total });
        }
        match number(spec)? {
            0 => Err("there must be at least one shard".into()),
            1 => Ok(Shards::One),
            total => Ok(Shards::Total(total)),
        }
    }
}

impl fmt::Display for Shards {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shards::One => f.write_str("1"),
            Shards::Auto => f.write_str("auto"),
            Shards::Total(total) => write!(f, "{total}"),
            Shards::Range { first, last, total } => write!(f, "{first}-{last}/{total}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_serves_the_servers_of_its_shards_only() {
        // Shard of a server: (id >> 22) % total.
        let on_shard = |shard: u64| (shard + 4 * 1000) << 22;
        let half = Shards::Range {
            first: 0,
            last: 1,
            total: 4,
        };
        assert!(half.serves(on_shard(1)));
        assert!(!half.serves(on_shard(2)));
        assert!(Shards::One.serves(on_shard(3)));
        assert!(Shards::Total(4).serves(on_shard(3)));
    }

    #[test]
    fn every_form_parses() {
        assert_eq!("auto".parse(), Ok(Shards::Auto));
        assert_eq!("1".parse(), Ok(Shards::One));
        assert_eq!("4".parse(), Ok(Shards::Total(4)));
        assert_eq!(
            "4-7/8".parse(),
            Ok(Shards::Range {
                first: 4,
                last: 7,
                total: 8
            })
        );
    }

    #[test]
    fn a_range_outside_the_total_is_refused() {
        assert_eq!(
            "4-8/8".parse::<Shards>(),
            Err("shards 4-8 do not fit in a total of 8 (shards are numbered 0 to 7)".into())
        );
        assert!("0".parse::<Shards>().is_err());
        assert!("many".parse::<Shards>().is_err());
    }
}
