//! Who calls: what the door made of a request's credentials, handed to every handler that does
//! work as an extractor, so no handler looks at a key or a token again.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::Deserialize;

use crate::web::problem::{Kind, Problem};
use crate::words::msg;

/// What a caller may do; a route that does work names the one it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub(crate) enum Permission {
    /// Render a report to its PDF.
    #[serde(rename = "render")]
    Render,
    /// Check a report, or verify a PDF against its report.
    #[serde(rename = "check")]
    Check,
    /// Make a case's archive package.
    #[serde(rename = "archive")]
    Archive,
    /// Read the workspace's reports, their versions and changes.
    #[serde(rename = "reports:read")]
    ReportsRead,
    /// Create reports in the workspace and save new versions.
    #[serde(rename = "reports:write")]
    ReportsWrite,
    /// Approve a version of a report (fastställa).
    #[serde(rename = "reports:approve")]
    ReportsApprove,
    /// Package a case of approved reports for the e-archive.
    #[serde(rename = "reports:archive")]
    ReportsArchive,
    /// Read the audit log.
    #[serde(rename = "audit:read")]
    AuditRead,
}

impl Permission {
    /// Every permission.
    pub(crate) const ALL: [Permission; 8] = [
        Self::Render,
        Self::Check,
        Self::Archive,
        Self::ReportsRead,
        Self::ReportsWrite,
        Self::ReportsApprove,
        Self::ReportsArchive,
        Self::AuditRead,
    ];

    /// The permission named `name`, as a key's scopes and a token's scope claim write it.
    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The permission's name, as the configuration and the API's description write it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Render => "render",
            Self::Check => "check",
            Self::Archive => "archive",
            Self::ReportsRead => "reports:read",
            Self::ReportsWrite => "reports:write",
            Self::ReportsApprove => "reports:approve",
            Self::ReportsArchive => "reports:archive",
            Self::AuditRead => "audit:read",
        }
    }
}

/// What a route needs of its caller: nothing (the probes and the descriptions), or a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Anyone may call it, with or without credentials.
    Nothing,
    /// The caller must hold this permission.
    To(Permission),
}

/// How the caller was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// The route needs nothing, so no credentials were looked at.
    Open,
    /// No authentication is configured (the service listens on loopback only): whoever can
    /// reach it is this machine's user, and may do everything.
    Local,
    /// An API key of the configuration.
    Key,
    /// An access token of the configured OpenID provider.
    Token,
    /// A person's session, after a login at the OpenID provider.
    Session,
}

/// The caller of a request, as the door recognised it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caller {
    /// The key's name or the token's client; none for an open route or a local caller.
    pub name: Option<String>,
    /// How it was recognised.
    pub via: Via,
    /// What it may do.
    pub permissions: Vec<Permission>,
    /// The token a change from the pages must carry, for a person's session.
    pub csrf: Option<String>,
}

impl Caller {
    /// The caller of a route that needs nothing.
    pub(crate) fn open() -> Self {
        Self {
            name: None,
            via: Via::Open,
            permissions: Vec::new(),
            csrf: None,
        }
    }

    /// This machine's user, where no authentication is configured.
    pub(crate) fn local() -> Self {
        Self {
            name: None,
            via: Via::Local,
            permissions: Permission::ALL.to_vec(),
            csrf: None,
        }
    }

    /// Who the caller is, as a version and an approval record it: the key's or the token's
    /// name, or on loopback without authentication this machine's user.
    pub(crate) fn who(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => crate::base::user::this_user(),
        }
    }

    /// Whether the caller holds `permission`.
    pub(crate) fn may(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        // The door puts the caller on every request it lets through; a handler reached without
        // one is a route mounted outside the declarations.
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| Problem::new(Kind::Internal, msg!("problem-no-caller")))
    }
}
