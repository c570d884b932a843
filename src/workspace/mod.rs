//! The workspace: a department's follow-ups in a database, every version of each kept as it
//! was saved, never overwritten. A save names the version it edits and is refused if another
//! came first; an approval names the exact version and keeps its PDF as approved.
//!
//! Each change is one transaction: the summary row, the version, its images, or nothing. The
//! SQL is the same on SQLite and PostgreSQL, every query a constant with its values bound.

pub(crate) mod audit;
pub(crate) mod changes;
pub(crate) mod db;
pub(crate) mod next;
pub(crate) mod sessions;
pub(crate) mod summary;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use sqlx::{AnyPool, Row};

use crate::base::clock::now;
use crate::base::hash::sha256_hex;
use crate::error::ImageUnread;
use crate::report::figures::ImageFiles;
pub(crate) use db::DatabaseUrl;
pub(crate) use summary::Fields;

/// Reports on one page of the list, unless asked for fewer.
pub(crate) const PAGE: i64 = 50;
/// The most reports on one page of the list.
pub(crate) const MOST_ON_A_PAGE: i64 = 200;
/// The most versions one report keeps; a save past it is refused.
pub(crate) const MOST_VERSIONS: i64 = 100_000;

/// Why the workspace did not do what was asked.
#[derive(Debug)]
pub(crate) enum Fault {
    /// No report (or version) of that number.
    NotFound,
    /// The save or approval names a version that is no longer the current one.
    Stale {
        /// The current version.
        current: i64,
    },
    /// The version has problems: it cannot be approved.
    HasProblems,
    /// The report has as many versions as one may have.
    TooManyVersions,
    /// The database cannot be reached or cannot write (stopped); what it said.
    Unavailable(String),
    /// The database's disk is full: nothing of the write was kept.
    Full,
}

impl Fault {
    /// The error that stops a command whose workspace at `url` failed so.
    pub(crate) fn unopened(self, url: &DatabaseUrl) -> crate::error::Error {
        crate::error::Error::Database {
            url: url.shown(),
            message: match self {
                Self::Unavailable(why) => why,
                other => format!("{other:?}"),
            },
        }
    }
}

impl From<sqlx::Error> for Fault {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if is_full(db.code().as_deref()) => Self::Full,
            other => Self::Unavailable(other.to_string()),
        }
    }
}

/// Whether a database error's code says its disk is full: SQLite's `SQLITE_FULL` (13),
/// PostgreSQL's `disk_full` (53100).
fn is_full(code: Option<&str>) -> bool {
    matches!(code, Some("13" | "53100"))
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = ReportState)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    /// Being written (also an edit on top of an approved version).
    Draft,
    /// Its current version is the approved one.
    Approved,
    /// Its case was packaged for the e-archive.
    Archived,
}

impl State {
    fn from_db(text: &str) -> Self {
        match text {
            "approved" => Self::Approved,
            "archived" => Self::Archived,
            _ => Self::Draft,
        }
    }
}

/// A report as the list shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ReportSummary)]
pub(crate) struct Summary {
    /// The report's number in the workspace.
    pub id: i64,
    /// The diary number, as written.
    pub dnr: String,
    /// The contract.
    pub contract: String,
    /// The supplier.
    pub supplier: String,
    /// The organisation.
    pub organisation: String,
    /// The officer who wrote it (handläggare), if named.
    pub author: String,
    /// The report's date, as written.
    pub date: String,
    /// The next follow-up, as written, if planned.
    pub next_follow_up: String,
    /// Where it stands.
    pub state: State,
    /// The newest version.
    pub current_version: i64,
    /// The approved version, if one is.
    pub approved_version: Option<i64>,
    /// When it was last saved (RFC 3339, UTC).
    pub updated_at: String,
}

/// One version of a report, without its YAML.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ReportVersion)]
pub(crate) struct Version {
    /// Its number: 1 for the first save.
    pub number: i64,
    /// Who saved it.
    pub saved_by: String,
    /// When (RFC 3339, UTC).
    pub saved_at: String,
    /// The note saved with it.
    pub note: String,
    /// How many problems `check` finds in it.
    pub problems: i64,
    /// The SHA-256 of its PDF; empty while it has problems.
    pub pdf_sha256: String,
    /// Whether this is the approved version.
    pub approved: bool,
}

/// A page of the list, and how many reports match in all.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Listed {
    /// The reports on this page.
    pub reports: Vec<Summary>,
    /// How many match.
    pub total: i64,
    /// This page's number, from 1.
    pub page: i64,
    /// Reports per page.
    pub per_page: i64,
}

/// What a save keeps.
#[derive(Debug)]
pub(crate) struct Saving {
    /// The YAML exactly as saved.
    pub yaml: String,
    /// Its images, by the path its figures name.
    pub images: BTreeMap<String, Arc<[u8]>>,
    /// What the summary shows, read from the YAML.
    pub fields: Fields,
    /// Who saves it.
    pub by: String,
    /// The note saved with it.
    pub note: String,
    /// How many problems it has.
    pub problems: i64,
    /// The SHA-256 of its PDF, empty while it has problems.
    pub pdf_sha256: String,
}

/// The column a list is sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Sort {
    /// The column.
    pub by: SortBy,
    /// Largest first.
    pub descending: bool,
}

/// The columns a list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum SortBy {
    /// The diary number.
    Dnr,
    /// The contract.
    Contract,
    /// The supplier.
    Supplier,
    /// The officer.
    Author,
    /// Where it stands.
    State,
    /// The report's date.
    Date,
    /// The last save (the default, newest first).
    #[default]
    Updated,
}

/// What a list asks for: words to find, a state, an order and a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Listing {
    /// Words the dnr, contract, supplier, organisation or officer contain (any case).
    pub words: String,
    /// Only reports in this state.
    pub state: Option<State>,
    /// The order.
    pub sort: Sort,
    /// The page, from 1.
    pub page: i64,
    /// Reports per page.
    pub per_page: i64,
}

/// A version's images, read back from the workspace.
#[derive(Debug, Default)]
pub(crate) struct StoredImages(pub BTreeMap<String, Arc<[u8]>>);

impl ImageFiles for StoredImages {
    fn read(&self, path: &str) -> Result<Arc<[u8]>, ImageUnread> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| ImageUnread::NotSent { part: path.into() })
    }
}

/// The workspace's database.
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    pool: AnyPool,
    /// Whether the last write found the database's disk full (until a write succeeds).
    full: Arc<std::sync::atomic::AtomicBool>,
}

/// The summary columns, as every query that shows a report selects them.
macro_rules! summary_columns {
    () => {
        "id, dnr, contract, supplier, organisation, author, report_date, next_follow_up, state, \
         current_version, approved_version, updated_at"
    };
}

/// The list's query, ordered by `$order` (a constant of [`order_of`]).
macro_rules! listing {
    ($order:literal) => {
        concat!(
            "SELECT ",
            summary_columns!(),
            " FROM reports WHERE search LIKE $1 ESCAPE '\\' AND ($2 = '' OR state = $2) ORDER BY ",
            $order,
            ", id LIMIT $3 OFFSET $4"
        )
    };
}

/// The list's query for `sort`: every order is a constant, never text from the request.
fn order_of(sort: Sort) -> &'static str {
    match (sort.by, sort.descending) {
        (SortBy::Dnr, false) => listing!("dnr"),
        (SortBy::Dnr, true) => listing!("dnr DESC"),
        (SortBy::Contract, false) => listing!("contract"),
        (SortBy::Contract, true) => listing!("contract DESC"),
        (SortBy::Supplier, false) => listing!("supplier"),
        (SortBy::Supplier, true) => listing!("supplier DESC"),
        (SortBy::Author, false) => listing!("author"),
        (SortBy::Author, true) => listing!("author DESC"),
        (SortBy::State, false) => listing!("state"),
        (SortBy::State, true) => listing!("state DESC"),
        (SortBy::Date, false) => listing!("report_date"),
        (SortBy::Date, true) => listing!("report_date DESC"),
        (SortBy::Updated, false) => listing!("updated_at"),
        (SortBy::Updated, true) => listing!("updated_at DESC"),
    }
}

impl Workspace {
    /// The workspace in the database at `url`, its schema brought up to date.
    pub(crate) async fn open(url: &DatabaseUrl) -> Result<Self, Fault> {
        Ok(Self {
            pool: db::connect(url).await?,
            full: Arc::default(),
        })
    }

    /// `written`, the outcome of a write, noted: a full disk is remembered until a write
    /// succeeds (for `/readyz`).
    fn noted<T>(&self, written: Result<T, Fault>) -> Result<T, Fault> {
        use std::sync::atomic::Ordering;
        match &written {
            Err(Fault::Full) => self.full.store(true, Ordering::Relaxed),
            Ok(_) => self.full.store(false, Ordering::Relaxed),
            Err(_) => {}
        }
        written
    }

    /// Whether the database can write: after a write found its disk full, a write of one
    /// small row (`write_probe`) must succeed first.
    pub(crate) async fn writable(&self) -> bool {
        if !self.full.load(std::sync::atomic::Ordering::Relaxed) {
            return true;
        }
        let probe = sqlx::query(
            "INSERT INTO write_probe (id, at) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET at = excluded.at",
        )
        .bind(now())
        .execute(&self.pool);
        let wrote = tokio::time::timeout(std::time::Duration::from_secs(1), probe).await;
        let written = match wrote {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) => Err(Fault::from(err)),
            Err(_) => Err(Fault::Unavailable("the probe took over a second".into())),
        };
        self.noted(written).is_ok()
    }

    /// Whether the database answers now, within a second (a probe must not hang).
    pub(crate) async fn answers(&self) -> bool {
        let asked = sqlx::query("SELECT 1").fetch_one(&self.pool);
        matches!(
            tokio::time::timeout(std::time::Duration::from_secs(1), asked).await,
            Ok(Ok(_))
        )
    }

    /// Keeps a new report as its version 1; its id.
    pub(crate) async fn create(&self, saving: Saving) -> Result<i64, Fault> {
        let written = async {
            let at = now();
            let mut tx = self.pool.begin().await?;
            let id = insert_report(&mut tx, &saving, &at).await?;
            insert_version(&mut tx, id, 1, &saving, &at).await?;
            tx.commit().await?;
            Ok(id)
        }
        .await;
        self.noted(written)
    }

    /// Keeps each of `savings` as a new report, in one transaction: all of them or none.
    pub(crate) async fn create_all(&self, savings: Vec<Saving>) -> Result<Vec<i64>, Fault> {
        let written = async {
            let at = now();
            let mut tx = self.pool.begin().await?;
            let mut ids = Vec::with_capacity(savings.len());
            for saving in &savings {
                let id = insert_report(&mut tx, saving, &at).await?;
                insert_version(&mut tx, id, 1, saving, &at).await?;
                ids.push(id);
            }
            tx.commit().await?;
            Ok(ids)
        }
        .await;
        self.noted(written)
    }

    /// Keeps `saving` as the next version of report `id`, if `id`'s current version is still
    /// `edits`; the new version's number.
    pub(crate) async fn save(&self, id: i64, edits: i64, saving: Saving) -> Result<i64, Fault> {
        let written = async {
            if edits >= MOST_VERSIONS {
                return Err(Fault::TooManyVersions);
            }
            let at = now();
            let next = edits + 1;
            let fields = &saving.fields;
            let mut tx = self.pool.begin().await?;
            // The compare-and-set that makes a stale save impossible: the row changes only if it
            // is still at the version this save edits, in the same transaction as the version.
            let updated = with_fields(
                sqlx::query(
                    "UPDATE reports SET dnr = $1, contract = $2, supplier = $3, organisation = $4, \
                     author = $5, report_date = $6, next_follow_up = $7, search = $8, \
                     state = 'draft', current_version = $9, updated_at = $10 \
                     WHERE id = $11 AND current_version = $12",
                ),
                fields,
            )
            .bind(next)
            .bind(&at)
            .bind(id)
            .bind(edits)
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() == 0 {
                drop(tx);
                return Err(self.stale(id).await);
            }
            insert_version(&mut tx, id, next, &saving, &at).await?;
            tx.commit().await?;
            Ok(next)
        }
        .await;
        self.noted(written)
    }

    /// Why a change of report `id` found it at another version than it named: the version it
    /// is at (or that it is gone).
    async fn stale(&self, id: i64) -> Fault {
        match self.summary(id).await {
            Ok(summary) => Fault::Stale {
                current: summary.current_version,
            },
            Err(fault) => fault,
        }
    }

    /// The summary of report `id`.
    pub(crate) async fn summary(&self, id: i64) -> Result<Summary, Fault> {
        let row = sqlx::query(concat!(
            "SELECT ",
            summary_columns!(),
            " FROM reports WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(Fault::NotFound)?;
        summary_of(&row)
    }

    /// A page of the reports `listing` asks for, and how many there are in all.
    pub(crate) async fn list(&self, listing: &Listing) -> Result<Listed, Fault> {
        let pattern = format!("%{}%", like_escaped(&listing.words.to_lowercase()));
        let state = listing.state.map_or("", |state| match state {
            State::Draft => "draft",
            State::Approved => "approved",
            State::Archived => "archived",
        });
        let per_page = listing.per_page.clamp(1, MOST_ON_A_PAGE);
        let page = listing.page.max(1);
        let rows = sqlx::query(order_of(listing.sort))
            .bind(&pattern)
            .bind(state)
            .bind(per_page)
            .bind((page - 1).saturating_mul(per_page))
            .fetch_all(&self.pool)
            .await?;
        let total: i64 = sqlx::query(
            "SELECT COUNT(*) FROM reports WHERE search LIKE $1 ESCAPE '\\' \
             AND ($2 = '' OR state = $2)",
        )
        .bind(&pattern)
        .bind(state)
        .fetch_one(&self.pool)
        .await?
        .try_get(0)?;
        Ok(Listed {
            reports: rows.iter().map(summary_of).collect::<Result<_, _>>()?,
            total,
            page,
            per_page,
        })
    }

    /// The YAML of version `number` of report `id` (the current one if `None`), with the
    /// version's number.
    pub(crate) async fn yaml(&self, id: i64, number: Option<i64>) -> Result<(i64, String), Fault> {
        let number = match number {
            Some(number) => number,
            None => self.summary(id).await?.current_version,
        };
        let row = sqlx::query("SELECT yaml FROM versions WHERE report_id = $1 AND number = $2")
            .bind(id)
            .bind(number)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(Fault::NotFound)?;
        Ok((number, row.try_get(0)?))
    }

    /// The images of version `number` of report `id`, by the paths its figures name.
    pub(crate) async fn images(&self, id: i64, number: i64) -> Result<StoredImages, Fault> {
        let rows = sqlx::query(
            "SELECT v.path, i.bytes FROM version_images v JOIN images i ON i.sha256 = v.sha256 \
             WHERE v.report_id = $1 AND v.number = $2",
        )
        .bind(id)
        .bind(number)
        .fetch_all(&self.pool)
        .await?;
        let mut images = BTreeMap::new();
        for row in rows {
            let bytes: Vec<u8> = row.try_get(1)?;
            images.insert(row.try_get(0)?, Arc::from(bytes));
        }
        Ok(StoredImages(images))
    }

    /// Every version of report `id`, newest first.
    pub(crate) async fn versions(&self, id: i64) -> Result<Vec<Version>, Fault> {
        let approved = self.summary(id).await?.approved_version;
        let rows = sqlx::query(
            "SELECT number, saved_by, saved_at, note, problems, pdf_sha256 FROM versions \
             WHERE report_id = $1 ORDER BY number DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let number: i64 = row.try_get(0)?;
                Ok(Version {
                    number,
                    saved_by: row.try_get(1)?,
                    saved_at: row.try_get(2)?,
                    note: row.try_get(3)?,
                    problems: row.try_get(4)?,
                    pdf_sha256: row.try_get(5)?,
                    approved: approved == Some(number),
                })
            })
            .collect()
    }

    /// Approves version `number` of report `id`, which must be its current one and without
    /// problems, keeping `pdf` as the approved record.
    pub(crate) async fn approve(
        &self,
        id: i64,
        number: i64,
        pdf: &[u8],
        by: &str,
    ) -> Result<(), Fault> {
        let written = async {
            let at = now();
            let mut tx = self.pool.begin().await?;
            // Only the current version may be approved: an approval of an older one would approve
            // what the officer no longer shows.
            let current: i64 = sqlx::query("SELECT current_version FROM reports WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(Fault::NotFound)?
                .try_get(0)?;
            if current != number {
                return Err(Fault::Stale { current });
            }
            let problems: i64 =
                sqlx::query("SELECT problems FROM versions WHERE report_id = $1 AND number = $2")
                    .bind(id)
                    .bind(number)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get(0)?;
            if problems > 0 {
                return Err(Fault::HasProblems);
            }
            let updated = sqlx::query(
                "UPDATE reports SET state = 'approved', approved_version = $1, updated_at = $2 \
                 WHERE id = $3 AND current_version = $1",
            )
            .bind(number)
            .bind(&at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            // A save between the read and the update (PostgreSQL's READ COMMITTED) changes the row.
            if updated.rows_affected() == 0 {
                drop(tx);
                return Err(self.stale(id).await);
            }
            sqlx::query(
                "INSERT INTO approvals (report_id, number, pdf, pdf_sha256, approved_by, \
                 approved_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report_id, number) \
                 DO NOTHING",
            )
            .bind(id)
            .bind(number)
            .bind(pdf.to_vec())
            .bind(sha256_hex(pdf))
            .bind(by)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.noted(written)
    }

    /// The reports of the case `dnr`, oldest first, at most `most`.
    pub(crate) async fn case(&self, dnr: &str, most: i64) -> Result<Vec<Summary>, Fault> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            summary_columns!(),
            " FROM reports WHERE dnr = $1 ORDER BY report_date, id LIMIT $2"
        ))
        .bind(dnr)
        .bind(most)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(summary_of).collect()
    }

    /// The coming follow-ups: per case (dnr), its newest report (by date, then number) if it
    /// names a next follow-up, the earliest first (overdue ones come first), at most `most`.
    pub(crate) async fn upcoming(&self, most: i64) -> Result<Vec<Summary>, Fault> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            summary_columns!(),
            " FROM reports r WHERE next_follow_up <> '' AND NOT EXISTS (SELECT 1 FROM reports \
             o WHERE o.dnr = r.dnr AND (o.report_date > r.report_date OR \
             (o.report_date = r.report_date AND o.id > r.id))) \
             ORDER BY next_follow_up, dnr, id LIMIT $1"
        ))
        .bind(most)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(summary_of).collect()
    }

    /// The approval of version `number` of report `id`: its PDF, who and when.
    pub(crate) async fn approval(
        &self,
        id: i64,
        number: i64,
    ) -> Result<crate::archive::Approval, Fault> {
        let row = sqlx::query(
            "SELECT pdf, approved_by, approved_at FROM approvals \
             WHERE report_id = $1 AND number = $2",
        )
        .bind(id)
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(Fault::NotFound)?;
        Ok(crate::archive::Approval {
            pdf: row.try_get(0)?,
            by: row.try_get(1)?,
            at: row.try_get(2)?,
        })
    }

    /// Records that the case `dnr` was packaged as `package_id` into `file` by `by`: its
    /// approved reports are archived now.
    pub(crate) async fn archived(
        &self,
        dnr: &str,
        package_id: &str,
        file: &str,
        by: &str,
    ) -> Result<(), Fault> {
        let written = async {
            let at = now();
            let mut tx = self.pool.begin().await?;
            sqlx::query(
                "INSERT INTO archivings (dnr, package_id, file, archived_by, archived_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(dnr)
            .bind(package_id)
            .bind(file)
            .bind(by)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE reports SET state = 'archived', updated_at = $2 \
                 WHERE dnr = $1 AND state = 'approved'",
            )
            .bind(dnr)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.noted(written)
    }

    /// The PDF version `number` of report `id` was approved as, if it was.
    pub(crate) async fn approved_pdf(
        &self,
        id: i64,
        number: i64,
    ) -> Result<Option<Vec<u8>>, Fault> {
        let row = sqlx::query("SELECT pdf FROM approvals WHERE report_id = $1 AND number = $2")
            .bind(id)
            .bind(number)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }
}

/// `query` with the summary's `fields` bound as `$1`–`$8`, in the order the columns are named.
fn with_fields<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    fields: &'q Fields,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    query
        .bind(&fields.dnr)
        .bind(&fields.contract)
        .bind(&fields.supplier)
        .bind(&fields.organisation)
        .bind(&fields.author)
        .bind(&fields.date)
        .bind(&fields.next)
        .bind(fields.search())
}

/// Inserts the summary row of a new report at version 1; its id.
async fn insert_report(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    saving: &Saving,
    at: &str,
) -> Result<i64, Fault> {
    let id = with_fields(
        sqlx::query(
            "INSERT INTO reports (dnr, contract, supplier, organisation, author, report_date, \
             next_follow_up, search, state, current_version, approved_version, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', 1, NULL, $9, $9) \
             RETURNING id",
        ),
        &saving.fields,
    )
    .bind(at)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(id)
}

/// Inserts version `number` of report `id` and its images.
async fn insert_version(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    number: i64,
    saving: &Saving,
    at: &str,
) -> Result<(), Fault> {
    sqlx::query(
        "INSERT INTO versions (report_id, number, yaml, saved_by, saved_at, note, problems, \
         pdf_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(number)
    .bind(&saving.yaml)
    .bind(&saving.by)
    .bind(at)
    .bind(&saving.note)
    .bind(saving.problems)
    .bind(&saving.pdf_sha256)
    .execute(&mut **tx)
    .await?;
    for (path, bytes) in &saving.images {
        let sha256 = sha256_hex(bytes);
        // An image is stored once, however many versions and reports name it.
        sqlx::query("INSERT INTO images (sha256, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(&sha256)
            .bind(bytes.to_vec())
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO version_images (report_id, number, path, sha256) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(number)
        .bind(path)
        .bind(&sha256)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A summary from a row of [`summary_columns`].
fn summary_of(row: &sqlx::any::AnyRow) -> Result<Summary, Fault> {
    let state: String = row.try_get(8)?;
    Ok(Summary {
        id: row.try_get(0)?,
        dnr: row.try_get(1)?,
        contract: row.try_get(2)?,
        supplier: row.try_get(3)?,
        organisation: row.try_get(4)?,
        author: row.try_get(5)?,
        date: row.try_get(6)?,
        next_follow_up: row.try_get(7)?,
        state: State::from_db(&state),
        current_version: row.try_get(9)?,
        approved_version: row.try_get(10)?,
        updated_at: row.try_get(11)?,
    })
}

/// `words` with LIKE's wildcards (and its escape) escaped, so they match themselves.
fn like_escaped(words: &str) -> String {
    let mut escaped = String::with_capacity(words.len());
    for c in words.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
