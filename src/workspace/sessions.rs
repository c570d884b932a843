//! The sessions of people logged in through the city's OpenID provider, and the logins begun
//! and not yet finished. A session is found by the keyed hash of its cookie; the cookie itself
//! is never stored, so the database's rows open no one's session.

use sqlx::Row;

use crate::base::clock::{now, seconds_ago};

use super::{Fault, Workspace};

/// How long a login begun may take at the provider, in seconds.
const LOGIN_SECONDS: i64 = 600;
/// The most logins begun and not finished that are kept; the oldest go first.
const MOST_LOGINS: i64 = 10_000;

/// A person's session, as the door reads it.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    /// The provider's `sub`.
    pub subject: String,
    /// The name the person is shown and recorded by.
    pub name: String,
    /// The role names the provider gave.
    pub roles: Vec<String>,
    /// The person's organisation (förvaltning), if the provider says.
    pub organisation: String,
    /// The token every change from the pages must carry.
    pub csrf: String,
    /// The ID token, for the provider's logout.
    pub id_token: String,
    /// When it was last used (RFC 3339, UTC).
    pub seen_at: String,
    /// Its absolute end (RFC 3339, UTC).
    pub expires_at: String,
}

/// A login begun: what the callback checks and needs.
#[derive(Debug, Clone)]
pub(crate) struct Begun {
    /// The PKCE verifier.
    pub verifier: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// Where to go after it (a path of the service).
    pub return_to: String,
}

impl Workspace {
    /// Keeps a login begun under the hash of its `state`; the oldest beyond the bound and the
    /// expired ones go.
    pub(crate) async fn begin_login(&self, state_hash: &str, begun: &Begun) -> Result<(), Fault> {
        let at = now();
        let mut tx = self.pool.begin().await?;
        // The expired, and past the bound the oldest (a flood of logins begun stays bounded).
        sqlx::query(
            "DELETE FROM logins WHERE created_at < $1 OR created_at < (SELECT created_at \
             FROM logins ORDER BY created_at DESC LIMIT 1 OFFSET $2)",
        )
        .bind(seconds_ago(LOGIN_SECONDS))
        .bind(MOST_LOGINS)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO logins (state_hash, verifier, nonce, return_to, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(state_hash)
        .bind(&begun.verifier)
        .bind(&begun.nonce)
        .bind(&begun.return_to)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The login begun under `state_hash`, taken (it can be finished once), if it is there
    /// and not older than ten minutes.
    pub(crate) async fn take_login(&self, state_hash: &str) -> Result<Option<Begun>, Fault> {
        let row = sqlx::query(
            "DELETE FROM logins WHERE state_hash = $1 AND created_at >= $2 \
             RETURNING verifier, nonce, return_to",
        )
        .bind(state_hash)
        .bind(seconds_ago(LOGIN_SECONDS))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(Begun {
                verifier: row.try_get(0)?,
                nonce: row.try_get(1)?,
                return_to: row.try_get(2)?,
            })
        })
        .transpose()
    }

    /// Keeps a new session under `id_hash`, ending at `expires_at`.
    pub(crate) async fn open_session(&self, id_hash: &str, session: &Session) -> Result<(), Fault> {
        let at = now();
        sqlx::query(
            "INSERT INTO sessions (id_hash, subject, name, roles, organisation, csrf, id_token, \
             created_at, seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
        )
        .bind(id_hash)
        .bind(&session.subject)
        .bind(&session.name)
        .bind(serde_json::to_string(&session.roles).unwrap_or_else(|_| "[]".into()))
        .bind(&session.organisation)
        .bind(&session.csrf)
        .bind(&session.id_token)
        .bind(&at)
        .bind(&session.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session under `id_hash`, if it has not reached its absolute end and was used within
    /// `idle_seconds`; its use noted (at most once a minute, so reads stay reads).
    pub(crate) async fn session(
        &self,
        id_hash: &str,
        idle_seconds: i64,
    ) -> Result<Option<Session>, Fault> {
        let row = sqlx::query(
            "SELECT subject, name, roles, organisation, csrf, id_token, seen_at, expires_at \
             FROM sessions WHERE id_hash = $1 AND expires_at > $2 AND seen_at >= $3",
        )
        .bind(id_hash)
        .bind(now())
        .bind(seconds_ago(idle_seconds))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let roles: String = row.try_get(2)?;
        let session = Session {
            subject: row.try_get(0)?,
            name: row.try_get(1)?,
            roles: serde_json::from_str(&roles).unwrap_or_default(),
            organisation: row.try_get(3)?,
            csrf: row.try_get(4)?,
            id_token: row.try_get(5)?,
            seen_at: row.try_get(6)?,
            expires_at: row.try_get(7)?,
        };
        if session.seen_at < seconds_ago(60) {
            sqlx::query("UPDATE sessions SET seen_at = $1 WHERE id_hash = $2")
                .bind(now())
                .bind(id_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(session))
    }

    /// Ends the session under `id_hash` (and every session past its end, while at it).
    pub(crate) async fn close_session(&self, id_hash: &str) -> Result<(), Fault> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1 OR expires_at <= $2")
            .bind(id_hash)
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
