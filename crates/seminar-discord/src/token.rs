//! The bot token: read from `DISCORD_TOKEN` only, checked for shape before anything connects,
//! and never printed.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};

/// The environment variable that holds the token.
pub const TOKEN_VAR: &str = "DISCORD_TOKEN";

/// A bot token of the right shape. `Debug` and `Display` hide it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

/// Why there is no usable token. The messages are for the person starting the bot.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error(
        "{TOKEN_VAR} is not set. Copy your bot's token from https://discord.com/developers/applications (your app › Bot › Reset Token) and start Seminar with it in the environment, e.g. `{TOKEN_VAR}=… seminar run`."
    )]
    Missing,
    #[error(
        "{TOKEN_VAR} does not look like a bot token: {0}. Copy the token from your app's Bot page (not the client secret or the public key)."
    )]
    Malformed(&'static str),
}

impl Token {
    /// Reads and checks `DISCORD_TOKEN`.
    pub fn from_env() -> Result<Token, TokenError> {
        Token::parse(&std::env::var(TOKEN_VAR).unwrap_or_default())
    }

    /// Checks a token's shape: three dot-separated base64url parts, the first encoding the bot's
    /// user id. A leading `Bot ` is accepted and dropped.
    pub fn parse(raw: &str) -> Result<Token, TokenError> {
        let token = raw.trim();
        let token = token.strip_prefix("Bot ").unwrap_or(token).trim();
        if token.is_empty() {
            return Err(TokenError::Missing);
        }
        let parts: Vec<&str> = token.split('.').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(TokenError::Malformed(
                "it should have three parts separated by dots",
            ));
        }
        let base64url = |p: &str| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !parts.iter().all(|p| base64url(p)) {
            return Err(TokenError::Malformed(
                "it contains characters a token never has",
            ));
        }
        if user_id(parts[0]).is_none() {
            return Err(TokenError::Malformed(
                "its first part should encode the bot's user id",
            ));
        }
        Ok(Token(token.to_string()))
    }

    /// The bot's user id, which the token's first part encodes. For every application created
    /// since 2016 it is also the application's id.
    pub fn user_id(&self) -> Option<u64> {
        self.0.split('.').next().and_then(user_id)
    }

    /// The secret itself, for the HTTP client only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The user id a token's first part encodes (base64 of its decimal digits).
fn user_id(first_part: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD
        .decode(first_part)
        .or_else(|_| STANDARD_NO_PAD.decode(first_part))
        .ok()?;
    let digits = String::from_utf8(bytes).ok()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn well_formed() -> String {
        format!(
            "{}.GhIjKl.{}",
            URL_SAFE_NO_PAD.encode("123456789012345678"),
            "a".repeat(38)
        )
    }

    #[test]
    fn a_well_formed_token_is_accepted_with_or_without_the_bot_prefix() {
        let token = well_formed();
        assert_eq!(Token::parse(&token).unwrap().expose(), token);
        assert_eq!(
            Token::parse(&format!("Bot {token}\n")).unwrap().expose(),
            token
        );
    }

    #[test]
    fn the_bot_user_id_is_read_from_the_token() {
        let token = Token::parse(&well_formed()).unwrap();
        assert_eq!(token.user_id(), Some(123_456_789_012_345_678));
    }

    #[test]
    fn an_empty_token_is_missing() {
        assert_eq!(Token::parse("  "), Err(TokenError::Missing));
    }

    #[test]
    fn a_client_secret_is_refused_for_its_shape() {
        assert_eq!(
            Token::parse("vQx3_6Yc0xJrZkX8vQx3_6Yc0xJrZkX8"),
            Err(TokenError::Malformed(
                "it should have three parts separated by dots"
            ))
        );
    }

    #[test]
    fn a_token_whose_first_part_is_not_an_id_is_refused() {
        let token = format!("{}.GhIjKl.abc", URL_SAFE_NO_PAD.encode("not an id"));
        assert_eq!(
            Token::parse(&token),
            Err(TokenError::Malformed(
                "its first part should encode the bot's user id"
            ))
        );
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let token = Token::parse(&well_formed()).unwrap();
        assert_eq!(format!("{token:?}"), "Token(…)");
    }
}
