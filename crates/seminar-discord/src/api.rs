//! Which Discord API host Seminar talks to: Discord's own, or the one `DISCORD_API_BASE` names
//! (a test double, or a shared REST rate-limit proxy), checked the same way by every frontend.

/// The environment variable naming another Discord API host (a test double, or a shared REST
/// rate-limit proxy). When set, serenity's own rate limiter is off: the proxy owns rate limits.
pub const API_BASE_VAR: &str = "DISCORD_API_BASE";

/// `DISCORD_API_BASE` is set to something that is no http(s) address.
#[derive(Debug, thiserror::Error)]
#[error("{API_BASE_VAR}={0} is not an http:// or https:// address")]
pub struct ApiBaseError(pub String);

/// Checks `DISCORD_API_BASE`: an http(s) address, without a trailing slash.
pub fn api_base(raw: Option<String>) -> Result<Option<String>, ApiBaseError> {
    let Some(raw) = raw.filter(|v| !v.trim().is_empty()) else {
        return Ok(None);
    };
    let base = raw.trim().trim_end_matches('/').to_string();
    let rest = base
        .strip_prefix("http://")
        .or_else(|| base.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(Some(base)),
        _ => Err(ApiBaseError(raw)),
    }
}
