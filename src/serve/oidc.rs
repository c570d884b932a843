//! Bearer tokens from the city's OpenID provider: a JWT access token, checked against the
//! issuer's published keys (JWKS): signature, issuer, audience, expiry; its scopes (or roles)
//! read from a claim. The keys are fetched at start, again when a token names a key the service
//! has not seen (the issuer rotated its keys; at most once per [`REFETCH_PAUSE`]), and every
//! `jwks-refresh` seconds, so a key the issuer withdrew stops counting.

use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::Deserialize;

use super::auth::Denied;
use super::caller::{Caller, Permission, Via};
use crate::base::limits::MAX_DOCUMENT_BYTES;

/// The least time between two fetches prompted by unknown keys: a caller cannot make the
/// service hammer the issuer.
const REFETCH_PAUSE: Duration = Duration::from_secs(1);

/// The signature algorithms taken: public-key ones only (an HMAC "signed" with a public key
/// would be forgeable).
const ALGORITHMS: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// The `[oidc]` table of the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct OidcSettings {
    /// The issuer, exactly as its tokens' `iss` claim says it.
    pub issuer: String,
    /// The audience the service's tokens are for (`aud`).
    pub audience: String,
    /// The claim that holds the scopes: a space-separated string (`scope`) or an array
    /// (`scp`, `roles`).
    #[serde(default = "default_claim")]
    pub scope_claim: String,
    /// Seconds of clock difference allowed on `exp` and `nbf`.
    #[serde(default = "default_skew")]
    pub clock_skew: u64,
    /// The key set's address [default: `jwks_uri` of the issuer's discovery document].
    pub jwks_url: Option<String>,
    /// Seconds between fetches of the keys, so a key the issuer withdrew stops counting.
    #[serde(default = "default_refresh")]
    pub jwks_refresh: u64,
}

fn default_refresh() -> u64 {
    600
}

fn default_claim() -> String {
    "scope".into()
}

fn default_skew() -> u64 {
    30
}

impl OidcSettings {
    /// Why these settings cannot be used, if they cannot: the issuer's keys must come over
    /// HTTPS, but from this machine itself (a provider beside the service).
    pub(crate) fn refusal(&self) -> Option<String> {
        let urls = std::iter::once(&self.issuer).chain(self.jwks_url.as_ref());
        if let Some(why) = urls.filter_map(|url| insecure(url)).next() {
            return Some(why);
        }
        if self.audience.is_empty() {
            return Some("oidc: audience is empty".into());
        }
        if self.clock_skew > 300 {
            return Some("oidc: clock-skew must be at most 300 seconds".into());
        }
        if !(1..=86_400).contains(&self.jwks_refresh) {
            return Some("oidc: jwks-refresh must be from 1 to 86400 seconds".into());
        }
        None
    }
}

/// Why the service will not fetch keys from `url`, if it will not: it is neither `https://`
/// nor plain http to this machine itself.
fn insecure(url: &str) -> Option<String> {
    let refuse = |why: &str| Some(format!("oidc: {url} {why}"));
    // The parsed host is judged, never a prefix of the text: in http://127.0.0.1:1@host/ the
    // host is `host`.
    let Ok(uri) = url.parse::<axum::http::Uri>() else {
        return refuse("is not an address");
    };
    let Some(authority) = uri.authority() else {
        return refuse("names no host");
    };
    if authority.as_str().contains('@') {
        return refuse("carries a user name or password before @: give the plain address");
    }
    // The authority must be the host and its port and nothing else (http's parser reads a
    // host out of `[::1]x.example.se`).
    let exact = match authority.port() {
        Some(port) => format!("{}:{}", authority.host(), port.as_str()),
        None => authority.host().to_owned(),
    };
    if exact != authority.as_str() {
        return refuse("is not an address");
    }
    match (uri.scheme_str(), authority.host()) {
        (Some("https"), _) => None,
        (Some("http"), "127.0.0.1" | "[::1]") => None,
        _ => refuse("is not an https:// address (plain http only to 127.0.0.1 or [::1])"),
    }
}

/// The issuer's keys and how the service checks its tokens.
pub(crate) struct Oidc {
    settings: OidcSettings,
    agent: ureq::Agent,
    keys: RwLock<Option<JwkSet>>,
    /// Where people log in and out, once discovered.
    endpoints: RwLock<Option<Endpoints>>,
    /// The login's roles and what each may do: a token's scope claim may name roles too.
    roles: std::collections::BTreeMap<String, Vec<Permission>>,
    /// When a token last had the keys fetched.
    prompted: Mutex<Option<Instant>>,
}

/// What a token's claims say that the service uses.
#[derive(Debug, Deserialize)]
struct Claims {
    /// The client the token was issued to (client credentials), if the issuer says.
    client_id: Option<String>,
    /// The authorised party: the client, in tokens issued for a person.
    azp: Option<String>,
    /// Everything else, among it the scope claim.
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

/// The issuer's discovery document, as far as it is read.
#[derive(Debug, Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
    /// Where a person logs in.
    authorization_endpoint: Option<String>,
    /// Where a login's code is exchanged for tokens.
    token_endpoint: Option<String>,
    /// Where a person logs out at the provider, if it offers that.
    end_session_endpoint: Option<String>,
}

/// Where a person logs in and out at the provider, from its discovery document.
#[derive(Debug, Clone)]
pub(crate) struct Endpoints {
    /// The authorization endpoint.
    pub authorization: String,
    /// The token endpoint (https, or http on this machine).
    pub token: String,
    /// The end-session endpoint, if the provider offers one.
    pub end_session: Option<String>,
}

/// What the service reads of a person's ID token.
#[derive(Debug, Deserialize)]
pub(crate) struct IdClaims {
    /// The person, as the provider knows them.
    pub sub: String,
    /// The nonce of the login it answers.
    pub nonce: Option<String>,
    /// The name a person is shown by.
    pub name: Option<String>,
    /// Their user name, if the provider gives one.
    pub preferred_username: Option<String>,
    /// Their e-mail address, if the provider gives one.
    pub email: Option<String>,
    /// Everything else, among it the roles and the organisation.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

impl Oidc {
    /// A checker for `settings`, a token's roles read by `roles`; its keys are not fetched yet
    /// ([`Oidc::refresh`]).
    pub(crate) fn new(
        settings: OidcSettings,
        roles: std::collections::BTreeMap<String, Vec<Permission>>,
    ) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(10)))
            .http_status_as_error(true)
            .max_redirects(0)
            .build();
        Self {
            settings,
            agent: config.into(),
            keys: RwLock::new(None),
            endpoints: RwLock::new(None),
            roles,
            prompted: Mutex::new(None),
        }
    }

    /// The time between two fetches of the keys.
    pub(crate) fn refresh_every(&self) -> Duration {
        Duration::from_secs(self.settings.jwks_refresh)
    }

    /// Whether the issuer's keys are loaded: until then no token can be checked.
    pub(crate) fn is_ready(&self) -> bool {
        self.keys.read().is_ok_and(|keys| keys.is_some())
    }

    /// Fetches the issuer's keys (blocking: call it off the async threads).
    pub(crate) fn refresh(&self) -> Result<(), Unfetched> {
        // The discovery document also says where people log in; a configured key set's
        // address serves tokens whether or not the document can be had.
        let jwks_url = match (&self.settings.jwks_url, self.discover()) {
            (Some(url), _) => url.clone(),
            (None, Ok(url)) => url,
            (None, Err(why)) => return Err(why),
        };
        let keys: JwkSet = self.fetch_json(&jwks_url)?;
        if let Ok(mut held) = self.keys.write() {
            *held = Some(keys);
        }
        Ok(())
    }

    /// Fetches the keys again for a token that named one not held, unless a token did so
    /// less than [`REFETCH_PAUSE`] ago; whether it fetched them.
    pub(crate) fn refresh_for_unknown_key(&self) -> bool {
        let due = match self.prompted.lock() {
            Ok(mut prompted) if prompted.is_none_or(|at| at.elapsed() >= REFETCH_PAUSE) => {
                *prompted = Some(Instant::now());
                true
            }
            _ => false,
        };
        due && self.refresh().is_ok()
    }

    /// The key set's address from the issuer's discovery document.
    fn discover(&self) -> Result<String, Unfetched> {
        let issuer = self.settings.issuer.trim_end_matches('/');
        let url = format!("{issuer}/.well-known/openid-configuration");
        let discovery: Discovery = self.fetch_json(&url)?;
        if discovery.issuer != self.settings.issuer {
            return Err(Unfetched::OtherIssuer {
                url,
                named: discovery.issuer,
                expected: self.settings.issuer.clone(),
            });
        }
        if let Some(why) = insecure(&discovery.jwks_uri) {
            return Err(Unfetched::Insecure(why));
        }
        // A token endpoint is sent the client's secret: https only, or this machine.
        let endpoints = match (&discovery.authorization_endpoint, &discovery.token_endpoint) {
            (Some(authorization), Some(token)) if insecure(token).is_none() => Some(Endpoints {
                authorization: authorization.clone(),
                token: token.clone(),
                end_session: discovery.end_session_endpoint.clone(),
            }),
            _ => None,
        };
        if let Ok(mut held) = self.endpoints.write() {
            *held = endpoints;
        }
        Ok(discovery.jwks_uri)
    }

    /// Where people log in and out, if the provider's discovery document said.
    pub(crate) fn endpoints(&self) -> Option<Endpoints> {
        self.endpoints.read().ok().and_then(|held| held.clone())
    }

    /// Exchanges a login's `code` at the token endpoint for the person's ID token (blocking:
    /// call it off the async threads).
    pub(crate) fn exchange(
        &self,
        token_endpoint: &str,
        form: &[(&str, &str)],
    ) -> Result<String, String> {
        #[derive(Deserialize)]
        struct Tokens {
            id_token: String,
        }
        let response = self
            .agent
            .post(token_endpoint)
            .send_form(form.iter().copied())
            .map_err(|err| err.to_string())?;
        let text = response
            .into_body()
            .with_config()
            .limit(MAX_DOCUMENT_BYTES)
            .read_to_string()
            .map_err(|err| err.to_string())?;
        let tokens: Tokens = serde_json::from_str(&text).map_err(|err| err.to_string())?;
        Ok(tokens.id_token)
    }

    /// The claims of a person's ID token, if it is good: signed by a key of the issuer, for
    /// `client_id`, not expired, and carrying `nonce`.
    pub(crate) fn id_claims(
        &self,
        token: &str,
        client_id: &str,
        nonce: &str,
    ) -> Result<IdClaims, Denied> {
        let (key, alg) = self.key_of(token)?;
        let mut validation = Validation::new(alg);
        validation.set_issuer(&[&self.settings.issuer]);
        validation.set_audience(&[client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = self.settings.clock_skew;
        let claims = decode::<IdClaims>(token, &key, &validation)
            .map_err(|err| Denied::Token(why(err.kind())))?
            .claims;
        match claims.nonce.as_deref() {
            Some(carried) if crate::serve::login::tokens::same(carried, nonce) => Ok(claims),
            _ => Err(Denied::Token("token-nonce")),
        }
    }

    /// The issuer's key that signed `token`, and its algorithm (a public-key one).
    fn key_of(&self, token: &str) -> Result<(DecodingKey, Algorithm), Denied> {
        let header = decode_header(token).map_err(|_| Denied::Token("token-not-jwt"))?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(Denied::Token("token-not-public-key"));
        }
        let kid = header.kid.ok_or(Denied::Token("token-no-kid"))?;
        let keys = self.keys.read().map_err(|_| Denied::NotReady)?;
        let keys = keys.as_ref().ok_or(Denied::NotReady)?;
        let jwk = keys.find(&kid).ok_or(Denied::UnknownKey)?;
        let key = DecodingKey::from_jwk(jwk).map_err(|_| Denied::Token("token-unusable-key"))?;
        Ok((key, header.alg))
    }

    /// A JSON document from `url`, at most [`MAX_DOCUMENT_BYTES`].
    fn fetch_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, Unfetched> {
        let failed = |why: String| Unfetched::Fetch {
            url: url.to_owned(),
            why,
        };
        let response = self
            .agent
            .get(url)
            .call()
            .map_err(|err| failed(err.to_string()))?;
        let text = response
            .into_body()
            .with_config()
            .limit(MAX_DOCUMENT_BYTES)
            .read_to_string()
            .map_err(|err| failed(err.to_string()))?;
        serde_json::from_str(&text).map_err(|err| failed(err.to_string()))
    }

    /// The caller `token` names (its client, with the permissions its scope claim grants), if
    /// the token is good.
    pub(crate) fn caller(&self, token: &str) -> Result<Caller, Denied> {
        let (key, alg) = self.key_of(token)?;
        let mut validation = Validation::new(alg);
        validation.set_issuer(&[&self.settings.issuer]);
        validation.set_audience(&[&self.settings.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        // jsonwebtoken leaves nbf unchecked unless told; a present nbf that is no number is
        // refused then too.
        validation.validate_nbf = true;
        validation.leeway = self.settings.clock_skew;
        let claims = decode::<Claims>(token, &key, &validation)
            .map_err(|err| Denied::Token(why(err.kind())))?
            .claims;
        let name = claims
            .client_id
            .clone()
            .or_else(|| claims.azp.clone())
            .unwrap_or_else(|| "token".into());
        Ok(Caller {
            name: Some(name),
            via: Via::Token,
            permissions: self.permissions(&claims),
            csrf: None,
        })
    }

    /// The permissions the token's scope claim grants (unknown names are ignored).
    fn permissions(&self, claims: &Claims) -> Vec<Permission> {
        let names: Vec<&str> = match claims.rest.get(&self.settings.scope_claim) {
            Some(serde_json::Value::String(text)) => text.split_whitespace().collect(),
            Some(serde_json::Value::Array(items)) => {
                items.iter().filter_map(serde_json::Value::as_str).collect()
            }
            _ => Vec::new(),
        };
        // A name is a permission, or a role of the login's mapping (a person's token and a
        // program's carry the same roles where the provider gives roles).
        let mut permissions: Vec<Permission> = names
            .into_iter()
            .flat_map(|name| match Permission::parse(name) {
                Some(permission) => vec![permission],
                None => self.roles.get(name).cloned().unwrap_or_default(),
            })
            .collect();
        permissions.sort_by_key(|permission| permission.name());
        permissions.dedup();
        permissions
    }
}

/// Why a token was refused, for the caller (nothing of the token itself).
fn why(kind: &jsonwebtoken::errors::ErrorKind) -> &'static str {
    use jsonwebtoken::errors::ErrorKind;
    match kind {
        ErrorKind::ExpiredSignature => "token-expired",
        ErrorKind::ImmatureSignature => "token-not-yet",
        ErrorKind::InvalidAudience => "token-audience",
        ErrorKind::InvalidIssuer => "token-issuer",
        ErrorKind::InvalidSignature => "token-signature",
        ErrorKind::MissingRequiredClaim(_) => "token-claims",
        ErrorKind::InvalidClaimFormat(_) => "token-time-format",
        _ => "token-unreadable",
    }
}

/// Why the issuer's keys could not be fetched, for the log.
#[derive(Debug)]
pub(crate) enum Unfetched {
    /// A document could not be fetched or read as JSON.
    Fetch {
        /// Its address.
        url: String,
        /// What went wrong.
        why: String,
    },
    /// The discovery document names another issuer.
    OtherIssuer {
        /// The discovery document's address.
        url: String,
        /// The issuer it names.
        named: String,
        /// The issuer configured.
        expected: String,
    },
    /// The key set's address is not one the service fetches from.
    Insecure(String),
}

impl std::fmt::Display for Unfetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Fetch { url, why } => write!(f, "{url}: {why}"),
            Self::OtherIssuer {
                url,
                named,
                expected,
            } => write!(
                f,
                "the discovery document at {url} names the issuer {named:?}, not {expected:?}"
            ),
            Self::Insecure(why) => f.write_str(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_s_scope_claim_names_permissions_or_the_login_s_roles() {
        let settings = OidcSettings {
            issuer: "http://127.0.0.1:9".into(),
            audience: "urn:uppfoljning".into(),
            scope_claim: "roles".into(),
            clock_skew: 0,
            jwks_url: None,
            jwks_refresh: 600,
        };
        let oidc = Oidc::new(settings, crate::serve::login::settings::default_roles());
        let claims: Claims = serde_json::from_value(serde_json::json!({
            "roles": ["handläggare", "render", "okänd"]
        }))
        .expect("claims");
        assert_eq!(
            oidc.permissions(&claims),
            [
                Permission::Render,
                Permission::ReportsRead,
                Permission::ReportsWrite
            ]
        );
    }

    #[test]
    fn plain_http_is_only_for_this_machine_s_own_address() {
        for url in [
            "http://127.0.0.1",
            "http://127.0.0.1:8080/realms/x",
            "http://[::1]:9/x",
            "https://login.example.se/realms/x",
        ] {
            assert_eq!(insecure(url), None, "{url}");
        }
        for url in [
            "http://127.0.0.1.example.se/",
            "http://127.0.0.10:80",
            "http://[::1]x.example.se",
            "http://login.example.se",
            "http://127.0.0.1:1@otherhost/",
            "http://127.0.0.1@otherhost/",
            "https://user:pw@login.example.se/",
            "ftp://127.0.0.1/",
            "127.0.0.1",
        ] {
            assert!(insecure(url).is_some(), "{url}");
        }
    }
}
