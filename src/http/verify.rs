//! Discord's request signatures: Ed25519 over `X-Signature-Timestamp` followed by the raw body,
//! with the application's public key, and a timestamp close enough to now to refuse replays.

use ed25519_dalek::{Signature, Verifier, VerifyingKey};

/// The environment variable holding the application's public key (hex, 64 characters).
pub const PUBLIC_KEY_VAR: &str = "DISCORD_PUBLIC_KEY";
/// The headers Discord signs with.
pub const SIGNATURE_HEADER: &str = "x-signature-ed25519";
pub const TIMESTAMP_HEADER: &str = "x-signature-timestamp";

/// Why a public key cannot be used. Messages are for the person running Seminar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error(
        "{PUBLIC_KEY_VAR} is not set: copy the Public Key from your app's General Information page"
    )]
    Missing,
    #[error(
        "{PUBLIC_KEY_VAR} is not a public key: it should be 64 hexadecimal characters (the Public Key on your app's General Information page, not the token or the client secret)"
    )]
    Malformed,
}

/// Reads a hex public key.
pub fn public_key(hex_key: Option<&str>) -> Result<VerifyingKey, KeyError> {
    let text = hex_key
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or(KeyError::Missing)?;
    let bytes: [u8; 32] = hex::decode(text)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(KeyError::Malformed)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::Malformed)
}

/// Whether a request is Discord's: the signature checks out over `timestamp ‖ body`, and the
/// timestamp is within `max_skew` seconds of `now` (Unix seconds). Any missing or malformed
/// part is simply a no.
pub fn is_signed(
    key: &VerifyingKey,
    signature: Option<&str>,
    timestamp: Option<&str>,
    body: &[u8],
    now: i64,
    max_skew: u64,
) -> bool {
    let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
        return false;
    };
    let Ok(sent) = timestamp.trim().parse::<i64>() else {
        return false;
    };
    if now.abs_diff(sent) > max_skew {
        return false;
    }
    let Some(signature) = hex::decode(signature.trim())
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b))
    else {
        return false;
    };
    let mut message = Vec::with_capacity(timestamp.len() + body.len());
    message.extend_from_slice(timestamp.as_bytes());
    message.extend_from_slice(body);
    key.verify(&message, &signature).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    fn keys() -> (SigningKey, VerifyingKey) {
        let signing = SigningKey::from_bytes(&[7; 32]);
        let verifying = signing.verifying_key();
        (signing, verifying)
    }

    fn sign(key: &SigningKey, timestamp: &str, body: &[u8]) -> String {
        let mut message = timestamp.as_bytes().to_vec();
        message.extend_from_slice(body);
        hex::encode(key.sign(&message).to_bytes())
    }

    #[test]
    fn a_signed_request_passes() {
        let (signing, key) = keys();
        let signature = sign(&signing, "1000", b"{}");
        assert!(is_signed(
            &key,
            Some(&signature),
            Some("1000"),
            b"{}",
            1000,
            300
        ));
    }

    #[test]
    fn a_tampered_body_or_timestamp_fails() {
        let (signing, key) = keys();
        let signature = sign(&signing, "1000", b"{}");
        assert!(!is_signed(
            &key,
            Some(&signature),
            Some("1000"),
            b"{ }",
            1000,
            300
        ));
        assert!(!is_signed(
            &key,
            Some(&signature),
            Some("1001"),
            b"{}",
            1000,
            300
        ));
    }

    #[test]
    fn a_stale_timestamp_fails_even_when_signed() {
        let (signing, key) = keys();
        let signature = sign(&signing, "1000", b"{}");
        assert!(!is_signed(
            &key,
            Some(&signature),
            Some("1000"),
            b"{}",
            1301,
            300
        ));
        assert!(is_signed(
            &key,
            Some(&signature),
            Some("1000"),
            b"{}",
            1300,
            300
        ));
    }

    #[test]
    fn missing_or_non_hex_parts_fail() {
        let (_, key) = keys();
        assert!(!is_signed(&key, None, Some("1000"), b"{}", 1000, 300));
        assert!(!is_signed(&key, Some("zz"), Some("1000"), b"{}", 1000, 300));
        assert!(!is_signed(
            &key,
            Some(&"ab".repeat(64)),
            None,
            b"{}",
            1000,
            300
        ));
    }

    #[test]
    fn keys_are_read_from_hex_or_refused_by_kind() {
        let (_, key) = keys();
        assert_eq!(public_key(Some(&hex::encode(key.to_bytes()))), Ok(key));
        assert_eq!(public_key(None), Err(KeyError::Missing));
        assert_eq!(public_key(Some("  ")), Err(KeyError::Missing));
        assert_eq!(public_key(Some("abc")), Err(KeyError::Malformed));
        assert_eq!(public_key(Some(&"zz".repeat(32))), Err(KeyError::Malformed));
    }
}
