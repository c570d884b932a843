//! The `[login]` table: the service as a client of the city's OpenID provider (the `[oidc]`
//! issuer), its sessions, and the roles the provider gives mapped onto the workspace's
//! permissions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::serve::caller::Permission;

/// The least length of a session secret, in bytes.
const LEAST_SECRET: usize = 32;

/// `[login]` as written in the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct LoginSettings {
    /// The service's client id at the provider.
    pub client_id: String,
    /// The client's secret, in a file of its own (a Kubernetes Secret), the whole file.
    pub client_secret_file: PathBuf,
    /// The address people open the service at (`https://uppfoljning.stad.se`); the provider
    /// sends them back to `…/logga-in/klar`.
    pub public_url: String,
    /// The claim of the ID token that holds the person's roles (an array, or a string of
    /// names separated by spaces).
    #[serde(default = "default_roles_claim")]
    pub roles_claim: String,
    /// The claim that names the person's organisation (förvaltning), if the provider gives one:
    /// kept with the session (showing each person only their own organisation's reports is not
    /// built yet).
    pub organisation_claim: Option<String>,
    /// Whether the session cookie is `Secure` (and `__Host-` prefixed): off only for a
    /// `public-url` on this machine's own address (tests).
    #[serde(default = "yes")]
    pub secure_cookies: bool,
    /// Minutes a session may go unused before it ends.
    #[serde(default = "default_idle")]
    pub idle_minutes: u64,
    /// Hours a session lasts at most, however much it is used.
    #[serde(default = "default_absolute")]
    pub absolute_hours: u64,
    /// Whether nobody may approve a version they saved themselves.
    #[serde(default = "yes")]
    pub four_eyes: bool,
    /// The secret the sessions' cookies are hashed with, in a file (at least 32 bytes).
    pub session_secret_file: PathBuf,
    /// The secret before the current one, while it is rotated: sessions made under it go on
    /// until they end.
    pub previous_session_secret_file: Option<PathBuf>,
    /// Each role the provider may give, and what it may do.
    #[serde(default = "default_roles")]
    pub roles: BTreeMap<String, Vec<Permission>>,
}

fn yes() -> bool {
    true
}

fn default_roles_claim() -> String {
    "roles".into()
}

fn default_idle() -> u64 {
    30
}

fn default_absolute() -> u64 {
    10
}

/// The roles of the issue that asked for them: a handläggare writes, a registrator also
/// approves and archives, a läsare reads.
pub(crate) fn default_roles() -> BTreeMap<String, Vec<Permission>> {
    use Permission::*;
    BTreeMap::from([
        ("handläggare".into(), vec![ReportsRead, ReportsWrite]),
        (
            "registrator".into(),
            vec![
                ReportsRead,
                ReportsWrite,
                ReportsApprove,
                ReportsArchive,
                AuditRead,
            ],
        ),
        ("läsare".into(), vec![ReportsRead]),
    ])
}

/// The login as the service runs it: the settings and the secrets read from their files.
#[derive(Debug, Clone)]
pub(crate) struct Login {
    /// The settings.
    pub settings: LoginSettings,
    /// The client's secret.
    pub client_secret: String,
    /// The session secrets: the current first, then the previous one, if any.
    pub secrets: Vec<Vec<u8>>,
}

impl LoginSettings {
    /// The login these settings describe, its secrets read, or why it cannot be.
    pub(crate) fn load(self) -> Result<Login, String> {
        if let Some(why) = self.refusal() {
            return Err(why);
        }
        let client_secret = String::from_utf8(read_secret(&self.client_secret_file)?)
            .map_err(|_| "login: client-secret-file is not UTF-8 text".to_owned())?
            .trim()
            .to_owned();
        let mut secrets = vec![read_secret(&self.session_secret_file)?];
        if let Some(previous) = &self.previous_session_secret_file {
            secrets.push(read_secret(previous)?);
        }
        if secrets.iter().any(|secret| secret.len() < LEAST_SECRET) {
            return Err(format!(
                "login: a session secret must be at least {LEAST_SECRET} bytes \
                 (head -c 32 /dev/urandom | base64 > FILE)"
            ));
        }
        Ok(Login {
            settings: self,
            client_secret,
            secrets,
        })
    }

    /// Why these settings cannot be used, if they cannot.
    fn refusal(&self) -> Option<String> {
        let local = self.public_url.starts_with("http://127.0.0.1")
            || self.public_url.starts_with("http://[::1]")
            || self.public_url.starts_with("http://localhost");
        if !self.public_url.starts_with("https://") && !local {
            return Some(format!(
                "login: public-url {:?} must be https:// (plain http only on this machine's own address)",
                self.public_url
            ));
        }
        if !self.secure_cookies && !local {
            return Some(
                "login: secure-cookies = false only with a public-url on 127.0.0.1".into(),
            );
        }
        if self.client_id.is_empty() {
            return Some("login: client-id is empty".into());
        }
        if !(1..=1440).contains(&self.idle_minutes) {
            return Some("login: idle-minutes must be from 1 to 1440".into());
        }
        if !(1..=72).contains(&self.absolute_hours) {
            return Some("login: absolute-hours must be from 1 to 72".into());
        }
        None
    }
}

/// A secret file's bytes (a regular file, at most 4 KiB).
fn read_secret(path: &Path) -> Result<Vec<u8>, String> {
    crate::base::files::read_regular(path, 4096)
        .map_err(|fault| format!("login: {}: {fault}", path.display()))
}

impl Login {
    /// The address the provider sends a person back to.
    pub(crate) fn redirect_uri(&self) -> String {
        format!(
            "{}/logga-in/klar",
            self.settings.public_url.trim_end_matches('/')
        )
    }

    /// The session cookie's name: `__Host-` prefixed where it is `Secure`.
    pub(crate) fn cookie_name(&self) -> &'static str {
        match self.settings.secure_cookies {
            true => "__Host-uppfoljning",
            false => "uppfoljning",
        }
    }

    /// What a person with `roles` may do: every permission of every role they have that the
    /// configuration names (a role it does not name gives nothing).
    pub(crate) fn permissions(&self, roles: &[String]) -> Vec<Permission> {
        let mut permissions: Vec<Permission> = roles
            .iter()
            .filter_map(|role| self.settings.roles.get(role))
            .flatten()
            .copied()
            .collect();
        permissions.sort_by_key(|permission| permission.name());
        permissions.dedup();
        permissions
    }
}
