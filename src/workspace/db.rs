//! The database under the workspace: which engine a URL names, the pool, and the migrations
//! (embedded, one folder per engine, applied on start).

use std::borrow::Cow;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, SqlSafeStr};

use super::Fault;

/// The database engines the workspace runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    /// A file, embedded: nothing to install or run.
    Sqlite,
    /// The city's server.
    Postgres,
}

/// A database URL, parsed at the edge: `sqlite:PATH` or `postgres://…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DatabaseUrl {
    engine: Engine,
    url: String,
}

impl std::str::FromStr for DatabaseUrl {
    type Err = String;

    fn from_str(url: &str) -> Result<Self, String> {
        let engine = match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Engine::Sqlite,
            Some("postgres" | "postgresql") => Engine::Postgres,
            _ => return Err(crate::words::msg!("database-url", url = url).to_string()),
        };
        Ok(Self {
            engine,
            url: url.to_owned(),
        })
    }
}

impl<'de> serde::Deserialize<'de> for DatabaseUrl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl DatabaseUrl {
    /// The URL as a message shows it: a password in it replaced by `***`.
    pub(crate) fn shown(&self) -> String {
        let Some((scheme, rest)) = self.url.split_once("://") else {
            return self.url.clone();
        };
        let Some((credentials, host)) = rest.split_once('@') else {
            return self.url.clone();
        };
        match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => self.url.clone(),
        }
    }

    /// The URL as sqlx takes it: an SQLite file is made on first start.
    fn for_sqlx(&self) -> String {
        match self.engine {
            Engine::Sqlite if !self.url.contains('?') => format!("{}?mode=rwc", self.url),
            _ => self.url.clone(),
        }
    }
}

/// The migrations of `engine`, in order, inside the binary.
fn migrations(engine: Engine) -> Vec<Migration> {
    let files: &[(i64, &str, &'static str)] = match engine {
        Engine::Sqlite => &[
            (
                1,
                "workspace",
                include_str!("../../migrations/sqlite/0001_workspace.sql"),
            ),
            (
                2,
                "write probe",
                include_str!("../../migrations/sqlite/0002_write_probe.sql"),
            ),
            (
                3,
                "identity",
                include_str!("../../migrations/sqlite/0003_identity.sql"),
            ),
            (
                4,
                "list indexes",
                include_str!("../../migrations/sqlite/0004_list_indexes.sql"),
            ),
        ],
        Engine::Postgres => &[
            (
                1,
                "workspace",
                include_str!("../../migrations/postgres/0001_workspace.sql"),
            ),
            (
                2,
                "write probe",
                include_str!("../../migrations/postgres/0002_write_probe.sql"),
            ),
            (
                3,
                "identity",
                include_str!("../../migrations/postgres/0003_identity.sql"),
            ),
            (
                4,
                "list indexes",
                include_str!("../../migrations/postgres/0004_list_indexes.sql"),
            ),
        ],
    };
    files
        .iter()
        .map(|(version, name, sql)| {
            Migration::new(
                *version,
                Cow::Borrowed(*name),
                MigrationType::Simple,
                sql.into_sql_str(),
                false,
            )
        })
        .collect()
}

/// Connections to the database at `url`, its schema brought up to date.
pub(crate) async fn connect(url: &DatabaseUrl) -> Result<AnyPool, Fault> {
    install_default_drivers();
    let engine = url.engine;
    let pool = AnyPoolOptions::new()
        .max_connections(match engine {
            // One writer at a time anyway; readers go on beside it (WAL).
            Engine::Sqlite => 4,
            Engine::Postgres => 8,
        })
        .acquire_timeout(Duration::from_secs(5))
        .after_connect(move |connection, _| {
            Box::pin(async move {
                if engine == Engine::Sqlite {
                    // WAL: readers never wait for the writer. FULL: a committed save survives
                    // a power cut, not only a killed process; it is an official record. A
                    // writer waits up to 5 s for SQLite's one writer before it gives up.
                    connection
                        .execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        )
                        .await?;
                }
                Ok(())
            })
        })
        .connect(&url.for_sqlx())
        .await?;
    Migrator::with_migrations(migrations(engine))
        .run(&pool)
        .await
        .map_err(|err| Fault::Unavailable(err.to_string()))?;
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_in_the_repository_is_in_the_binary_for_both_engines() {
        for (engine, folder) in [(Engine::Sqlite, "sqlite"), (Engine::Postgres, "postgres")] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(folder);
            let files = std::fs::read_dir(&path).expect("the migrations").count();
            let embedded = migrations(engine);
            assert_eq!(
                embedded.len(),
                files,
                "{folder}: every file listed in db.rs"
            );
            let versions: Vec<i64> = embedded.iter().map(|m| m.version).collect();
            assert_eq!(versions, (1..=files as i64).collect::<Vec<_>>(), "{folder}");
        }
    }
}
