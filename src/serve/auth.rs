//! Who may call the service: API keys, stored as their SHA-256 in the configuration (a stolen
//! configuration gives no key), each allowed some scopes. A caller sends its key as
//! `Authorization: Bearer KEY`.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::caller::{Caller, Permission, Via};

/// One API key as the configuration holds it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RawKey")]
pub(crate) struct ApiKey {
    /// Who holds it (the records system, the intranet, …): in the logs instead of the key.
    name: String,
    /// The SHA-256 of the key.
    digest: [u8; 32],
    /// What it may do.
    scopes: Vec<Permission>,
}

/// An API key as written in the file, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    name: String,
    sha256: String,
    scopes: Vec<Permission>,
}

impl TryFrom<RawKey> for ApiKey {
    type Error = KeyRefused;

    fn try_from(raw: RawKey) -> Result<Self, KeyRefused> {
        if raw.name.is_empty()
            || raw.name.len() > 100
            || !raw.name.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(KeyRefused::Name);
        }
        let digest = hex_digest(&raw.sha256).ok_or_else(|| KeyRefused::Digest(raw.name.clone()))?;
        if raw.scopes.is_empty() {
            return Err(KeyRefused::NoScopes(raw.name));
        }
        Ok(Self {
            name: raw.name,
            digest,
            scopes: raw.scopes,
        })
    }
}

/// Why an API key of the configuration is not taken (the configuration's error names it).
#[derive(Debug)]
pub(crate) enum KeyRefused {
    /// The name is empty, too long or not printable ASCII.
    Name,
    /// The digest of the key so named is not 64 hexadecimal digits.
    Digest(String),
    /// The key so named has no scopes.
    NoScopes(String),
}

impl std::fmt::Display for KeyRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Name => f.write_str("an API key's name is 1 to 100 printable ASCII characters"),
            Self::Digest(name) => write!(
                f,
                "the sha256 of API key {name:?} is not 64 hexadecimal digits (printf %s \"$KEY\" | sha256sum)"
            ),
            Self::NoScopes(name) => {
                write!(
                    f,
                    "API key {name:?} has no scopes: give render, check or archive"
                )
            }
        }
    }
}

/// 64 hexadecimal digits as 32 bytes.
fn hex_digest(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut digest = [0u8; 32];
    for (byte, pair) in digest.iter_mut().zip(text.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(digest)
}

/// The keys the service knows; none means no authentication (loopback only).
#[derive(Debug, Default)]
pub(crate) struct Keys(Vec<ApiKey>);

/// Why a request may not do what it asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Denied {
    /// No key, or one the service does not know (401).
    Unknown,
    /// A bearer token that is not good, and the catalogue key of why (401).
    Token(&'static str),
    /// A token signed with a key the service does not hold (yet): fetch the keys again.
    UnknownKey,
    /// The issuer's keys are not loaded yet (503).
    NotReady,
}

impl Keys {
    /// The service's keys.
    pub(crate) fn new(keys: Vec<ApiKey>) -> Self {
        Self(keys)
    }

    /// Whether callers must show a key.
    pub(crate) fn required(&self) -> bool {
        !self.0.is_empty()
    }

    /// Two keys with one name would make the logs ambiguous.
    pub(crate) fn duplicate_name(&self) -> Option<&str> {
        self.0.iter().enumerate().find_map(|(i, key)| {
            self.0[..i]
                .iter()
                .any(|other| other.name == key.name)
                .then_some(key.name.as_str())
        })
    }

    /// A key hash given under two names: only the first name's scopes would ever count.
    pub(crate) fn duplicate_digest(&self) -> Option<(&str, &str)> {
        self.0.iter().enumerate().find_map(|(i, key)| {
            self.0[..i]
                .iter()
                .find(|other| other.digest == key.digest)
                .map(|other| (other.name.as_str(), key.name.as_str()))
        })
    }

    /// The caller whose key `authorization` holds.
    pub(crate) fn caller(&self, authorization: Option<&str>) -> Result<Caller, Denied> {
        let presented = authorization
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(Denied::Unknown)?;
        let digest: [u8; 32] = Sha256::digest(presented.trim().as_bytes()).into();
        // Compared in full whatever differs first, so the time taken tells nothing of a key.
        let key = self
            .0
            .iter()
            .find(|key| {
                key.digest
                    .iter()
                    .zip(digest)
                    .fold(0, |acc, (a, b)| acc | (a ^ b))
                    == 0
            })
            .ok_or(Denied::Unknown)?;
        Ok(Caller {
            name: Some(key.name.clone()),
            via: Via::Key,
            permissions: key.scopes.clone(),
            csrf: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Keys {
        let raw = RawKey {
            name: "records".into(),
            sha256: format!("{:x}", Sha256::digest(b"s3cret")),
            scopes: vec![Permission::Render],
        };
        Keys::new(vec![ApiKey::try_from(raw).expect("a good key")])
    }

    #[test]
    fn a_key_is_known_by_its_digest_and_brings_its_scopes() {
        let keys = keys();
        let caller = keys.caller(Some("Bearer s3cret")).expect("a known key");
        assert_eq!(caller.name.as_deref(), Some("records"));
        assert_eq!(caller.via, Via::Key);
        assert!(caller.may(Permission::Render));
        assert!(!caller.may(Permission::Archive));
        assert_eq!(keys.caller(Some("Bearer s3cre")), Err(Denied::Unknown));
        assert_eq!(keys.caller(Some("s3cret")), Err(Denied::Unknown));
        assert_eq!(keys.caller(None), Err(Denied::Unknown));
    }

    #[test]
    fn a_digest_must_be_64_hexadecimal_digits() {
        assert!(hex_digest(&"ab".repeat(32)).is_some());
        assert!(hex_digest(&"ab".repeat(31)).is_none());
        assert!(hex_digest(&"zz".repeat(32)).is_none());
        assert!(hex_digest(&"é".repeat(32)).is_none());
    }
}
