//! Secrets kept out of REST errors and logs: interaction tokens cut out of routes and of any error
//! text (reqwest's errors name the URL, which carries the token of an interaction's webhook).

use std::sync::LazyLock;

use regex::Regex;

/// `/interactions/{id}/{token}` and `/webhooks/{id}/{token}`, wherever they appear.
static TOKEN_IN_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(/(?:interactions|webhooks)/[^/\s]+/)[^/\s?#)"'>]+"#)
        .expect("the pattern is valid")
});

/// A route path, or any text, with interaction tokens cut out.
pub(super) fn redact(text: &str) -> String {
    TOKEN_IN_PATH.replace_all(text, "${1}…").into_owned()
}

/// What went wrong with a request, without its URL: reqwest's error and its causes.
pub(super) fn reqwest_detail(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut detail = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        detail.push_str(": ");
        detail.push_str(&inner.to_string());
        cause = inner.source();
    }
    // The causes come from hyper and the OS, which do not name the URL; cut any token anyway.
    redact(&detail)
}

/// What went wrong with a request serenity sent, without its URL.
pub(super) fn serenity_detail(error: serenity::Error) -> String {
    use serenity::http::HttpError;
    match error {
        serenity::Error::Http(HttpError::Request(error)) => reqwest_detail(error),
        other => redact(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interaction_tokens_never_reach_the_logs() {
        assert_eq!(
            redact("https://discord.com/api/v10/interactions/123/secret-token/callback"),
            "https://discord.com/api/v10/interactions/123/…/callback"
        );
        assert_eq!(
            redact("https://discord.com/api/v10/webhooks/42/secret-token/messages/@original"),
            "https://discord.com/api/v10/webhooks/42/…/messages/@original"
        );
    }

    #[test]
    fn tokens_are_cut_out_of_any_text_that_quotes_a_url() {
        assert_eq!(
            redact(
                "error sending request for url (http://127.0.0.1:9/api/v10/webhooks/42/aW50ZXJhY3Rpb24/messages/@original): refused"
            ),
            "error sending request for url (http://127.0.0.1:9/api/v10/webhooks/42/…/messages/@original): refused"
        );
        assert_eq!(
            redact("POST http://h/api/v10/webhooks/42/tok?wait=true failed"),
            "POST http://h/api/v10/webhooks/42/…?wait=true failed"
        );
    }

    #[test]
    fn routes_without_tokens_are_left_alone() {
        let route = "https://discord.com/api/v10/channels/9/messages";
        assert_eq!(redact(route), route);
    }
}
