//! How the service is set up: a configuration file (TOML), overridden by environment variables,
//! overridden by flags. Every value is parsed into its type here and bounded; what the service
//! is handed is [`Settings`], whole.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use crate::base::limits::{DEFAULT_MAX_BODY, MAX_CONFIG_BYTES};

use super::auth::{ApiKey, Keys};
use super::login::{Login, LoginSettings};
use super::oidc::OidcSettings;
use crate::base::files;
use crate::base::http::Connections;
use crate::error::Error;
use crate::words::{Message, msg};
use crate::workspace::DatabaseUrl;

/// One layer of settings: the file's, or the flags' and environment's (clap reads both). A
/// value left out falls through to the layer below, and at the bottom to its default.
#[derive(Debug, Default, Deserialize, clap::Args)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Layer {
    /// The address to listen on; without API keys only this machine's own (127.0.0.1, ::1)
    /// [default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDRESS:PORT", env = "UPPFOLJNING_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// How many reports to render at once [default: the number of cores].
    #[arg(long, value_name = "N", env = "UPPFOLJNING_RENDERS")]
    pub renders: Option<usize>,
    /// How many requests may wait for a render; one more is answered 429 at once [default: 4
    /// per render].
    #[arg(long, value_name = "N", env = "UPPFOLJNING_QUEUE")]
    pub queue: Option<usize>,
    /// How long a request may wait for a render before it is answered 503 [default: 10].
    #[arg(long, value_name = "SECONDS", env = "UPPFOLJNING_QUEUE_WAIT")]
    pub queue_wait: Option<u64>,
    /// How long a render may take before the request is answered 504 [default: 30].
    #[arg(long, value_name = "SECONDS", env = "UPPFOLJNING_TIME_LIMIT")]
    pub time_limit: Option<u64>,
    /// On SIGTERM, how many seconds to go on answering (with /readyz 503, so a load balancer
    /// takes this instance out) before no new connection is taken; requests in flight then
    /// finish, and the process exits 0 [default: 5].
    #[arg(long, value_name = "SECONDS", env = "UPPFOLJNING_DRAIN")]
    pub drain: Option<u64>,
    /// How long a client has to send a request's head, and an idle connection is kept
    /// [default: 10].
    #[arg(long, value_name = "SECONDS", env = "UPPFOLJNING_HEADER_TIME")]
    pub header_time: Option<u64>,
    /// How many connections to hold at once [default: 16384].
    #[arg(long, value_name = "N", env = "UPPFOLJNING_CONNECTIONS")]
    pub connections: Option<usize>,
    /// How many bytes a request with images (multipart) may have [default: 67108864].
    #[arg(long, value_name = "BYTES", env = "UPPFOLJNING_MAX_BODY")]
    pub max_body: Option<usize>,
    /// How many bytes of request bodies the service holds at once; a request past it waits up
    /// to 2 s, then is answered 503 [default: 134217728].
    #[arg(long, value_name = "BYTES", env = "UPPFOLJNING_BODY_ROOM")]
    pub body_room: Option<usize>,
    /// The API keys (only in the file: they are many lines).
    #[serde(default)]
    #[arg(skip)]
    pub api_keys: Vec<ApiKey>,
    /// A file of more `[[api-keys]]` (only in the file): where a cluster keeps its secrets
    /// apart from the rest of the configuration (a Kubernetes Secret beside a ConfigMap).
    #[arg(skip)]
    pub api_keys_file: Option<std::path::PathBuf>,
    /// The OpenID provider whose access tokens are taken (only in the file).
    #[arg(skip)]
    pub oidc: Option<OidcSettings>,
    /// People's login at the `[oidc]` provider (only in the file).
    #[arg(skip)]
    pub login: Option<LoginSettings>,
    /// The workspace's database: `sqlite:PATH` (a file, made on first start) or
    /// `postgres://USER@HOST/NAME`; without it the service keeps nothing.
    #[arg(long = "database", value_name = "URL", env = "UPPFOLJNING_DATABASE")]
    #[serde(skip)]
    pub database: Option<DatabaseUrl>,
    /// `[database]` in the file: `url = …`.
    #[arg(skip)]
    #[serde(rename = "database")]
    pub database_section: Option<DatabaseSection>,
    /// The e-archive's intake folder, where the workspace writes a case's package when it is
    /// archived (each written whole, under its final name only when complete, never over a
    /// file).
    #[arg(
        long = "archive-intake",
        value_name = "FOLDER",
        env = "UPPFOLJNING_ARCHIVE_INTAKE"
    )]
    #[serde(skip)]
    pub archive_intake: Option<std::path::PathBuf>,
    /// `[archive]` in the file: `intake = …`.
    #[arg(skip)]
    #[serde(rename = "archive")]
    pub archive_section: Option<ArchiveSection>,
}

/// The file's `[archive]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArchiveSection {
    /// The e-archive's intake folder.
    pub intake: std::path::PathBuf,
}

/// The file's `[database]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DatabaseSection {
    /// The database's URL.
    pub url: DatabaseUrl,
}

/// Everything the service runs with, each value checked.
#[derive(Debug)]
pub(crate) struct Settings {
    /// The address to listen on.
    pub listen: SocketAddr,
    /// Renders at once (the cores by default).
    pub renders: usize,
    /// Requests that may wait for a render; one more is answered 429 at once.
    pub queue: usize,
    /// How long a request may wait for a render before it is answered 503.
    pub queue_wait: Duration,
    /// How long a render may take before the request is answered 504.
    pub time_limit: Duration,
    /// How long to go on answering after SIGTERM, with `/readyz` 503.
    pub drain: Duration,
    /// Slow clients and idle connections.
    pub connections: Connections,
    /// Bytes a request with images (multipart) may have.
    pub max_body: usize,
    /// Bytes of request bodies held at once (each reserved before it is read).
    pub body_room: usize,
    /// Who may call with an API key, and what for.
    pub keys: Keys,
    /// Whose access tokens are taken, if any issuer's.
    pub oidc: Option<OidcSettings>,
    /// The workspace's database, if the service keeps reports.
    pub database: Option<DatabaseUrl>,
    /// The e-archive's intake folder, if the workspace archives.
    pub archive_intake: Option<std::path::PathBuf>,
    /// People's login, if configured.
    pub login: Option<Login>,
}

impl Settings {
    /// The flags' (and environment's) layer over the file's, over the defaults.
    pub(crate) fn resolve(flags: &Layer, file: Option<&Path>) -> Result<Self, Error> {
        let mut file = match file {
            Some(path) => read_layer(path)?,
            None => Layer::default(),
        };
        if let Some(keys) = file.api_keys_file.take() {
            file.api_keys.append(&mut read_keys(&keys)?);
        }
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let renders = flags.renders.or(file.renders).unwrap_or(cores);
        let default = Connections::default();
        let settings = Self {
            listen: flags
                .listen
                .or(file.listen)
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            renders,
            queue: flags.queue.or(file.queue).unwrap_or(renders * 4),
            queue_wait: seconds(flags.queue_wait.or(file.queue_wait), 10),
            time_limit: seconds(flags.time_limit.or(file.time_limit), 30),
            drain: seconds(flags.drain.or(file.drain), 5),
            connections: Connections {
                head_time: flags
                    .header_time
                    .or(file.header_time)
                    .map_or(default.head_time, Duration::from_secs),
                most: flags
                    .connections
                    .or(file.connections)
                    .unwrap_or(default.most),
            },
            max_body: flags.max_body.or(file.max_body).unwrap_or(DEFAULT_MAX_BODY),
            body_room: flags
                .body_room
                .or(file.body_room)
                .unwrap_or(128 * 1024 * 1024),
            keys: Keys::new(file.api_keys),
            login: file
                .login
                .map(LoginSettings::load)
                .transpose()
                .map_err(|why| Error::Usage {
                    message: msg!("serve-refused", why = why),
                })?,
            oidc: file.oidc,
            database: flags
                .database
                .clone()
                .or(file.database_section.map(|section| section.url)),
            archive_intake: flags
                .archive_intake
                .clone()
                .or(file.archive_section.map(|section| section.intake)),
        };
        settings.bounded()
    }

    /// The settings, if every value is within its bounds.
    fn bounded(self) -> Result<Self, Error> {
        let out_of_bounds = |name: &'static str, range: Message| Error::Usage {
            message: msg!(
                "serve-out-of-bounds",
                name = name,
                range = range.to_string()
            ),
        };
        if !(1..=1024).contains(&self.renders) {
            return Err(out_of_bounds(
                "renders",
                msg!("bound-from-to", from = 1usize, to = 1024usize),
            ));
        }
        if self.queue > 100_000 {
            return Err(out_of_bounds(
                "queue",
                msg!("bound-at-most", max = 100_000usize),
            ));
        }
        if !(1..=1_000_000).contains(&self.connections.most) {
            return Err(out_of_bounds(
                "connections",
                msg!("bound-from-to", from = 1usize, to = 1_000_000usize),
            ));
        }
        let hour = Duration::from_secs(3600);
        for (name, time) in [
            ("queue-wait", self.queue_wait),
            ("time-limit", self.time_limit),
            ("header-time", self.connections.head_time),
        ] {
            if time.is_zero() || time > hour {
                return Err(out_of_bounds(
                    name,
                    msg!("bound-seconds-from-to", from = 1usize, to = 3600usize),
                ));
            }
        }
        if self.drain > hour {
            return Err(out_of_bounds(
                "drain",
                msg!("bound-seconds-at-most", max = 3600usize),
            ));
        }
        if let Some(why) = self.oidc.as_ref().and_then(OidcSettings::refusal) {
            return Err(Error::Usage {
                message: msg!("serve-refused", why = why),
            });
        }
        if self.login.is_some() && (self.oidc.is_none() || self.database.is_none()) {
            return Err(Error::Usage {
                message: msg!("serve-login-needs"),
            });
        }
        if self.max_body < crate::base::limits::MAX_INPUT_BYTES {
            return Err(out_of_bounds("max-body", msg!("bound-max-body-least")));
        }
        if self.max_body > 1 << 30 {
            return Err(out_of_bounds("max-body", msg!("bound-max-body-most")));
        }
        if self.body_room < self.max_body || self.body_room > 64 << 30 {
            return Err(out_of_bounds("body-room", msg!("bound-body-room")));
        }
        Ok(self)
    }
}

/// `value` seconds, or `default` seconds.
fn seconds(value: Option<u64>, default: u64) -> Duration {
    Duration::from_secs(value.unwrap_or(default))
}

/// The keys file's shape: API keys and nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct KeysFile {
    #[serde(default)]
    api_keys: Vec<ApiKey>,
}

/// The API keys of the keys file at `path`.
fn read_keys(path: &Path) -> Result<Vec<ApiKey>, Error> {
    read_toml::<KeysFile>(path).map(|keys| keys.api_keys)
}

/// The configuration file at `path` (a regular file, read through no FIFO or device).
fn read_layer(path: &Path) -> Result<Layer, Error> {
    read_toml(path)
}

/// The TOML file at `path` as `T`, every error naming the file and line.
fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Error> {
    let config_error = |message: String| Error::ServeConfig {
        path: crate::error::Origin::from(path.to_path_buf()),
        message,
    };
    let bytes = files::read_regular(path, MAX_CONFIG_BYTES)
        .map_err(|fault| config_error(fault.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| config_error("not UTF-8 text".into()))?;
    toml::from_str(&text).map_err(|err| {
        let line = err
            .span()
            .map_or(1, |span| text[..span.start].matches('\n').count() + 1);
        config_error(format!("line {line}: {}", err.message()))
    })
}
