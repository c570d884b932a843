//! The random values a login and a session are made of, and how they are kept: every secret
//! value 256 bits from the system's generator, written in base64url; a cookie kept only as its
//! HMAC-SHA-256 under the session secret.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// 256 random bits, in base64url without padding (43 characters: a PKCE verifier, a state, a
/// nonce, a cookie, a CSRF token).
pub(crate) fn random() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The PKCE challenge of `verifier` (S256).
pub(crate) fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// `value` keyed by `secret` (HMAC-SHA-256), in hexadecimal: what the database keeps of a
/// cookie or a state.
pub(crate) fn keyed(secret: &[u8], value: &str) -> String {
    // Any key length is taken by HMAC.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(value.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Whether `a` and `b` are equal, compared in full whatever differs first.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pkce_challenge_is_rfc_7636_s_example() {
        // RFC 7636, appendix B.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn values_are_fresh_and_keyed_values_differ_by_secret() {
        let (a, b) = (random().expect("random"), random().expect("random"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(keyed(b"one secret", &a), keyed(b"another secret", &a));
        assert_eq!(keyed(b"one secret", &a).len(), 64);
        assert!(same(&a, &a.clone()) && !same(&a, &b));
    }
}
