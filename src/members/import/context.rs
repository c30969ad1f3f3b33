//! What every imported row needs and is the same for all of them, read once before the
//! rows are checked.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::check::CONSENT_COLUMNS;
use crate::import::values;
use crate::members::consent;
use crate::members::details::{self, Clean};
use crate::{id, Error, ErrorKind, Result};

pub(super) struct Context {
    pub areas_by_name: HashMap<String, String>,
    /// Postcode district → area, for members whose area follows their postcode.
    pub areas_by_district: HashMap<String, String>,
    pub renewal_months: i64,
    /// The current statement version of each consent column's purpose, or why it cannot
    /// take consent (reported, as before, when the first row needs it).
    pub versions: HashMap<&'static str, std::result::Result<i64, crate::Error>>,
    pub source: String,
    /// When the import began (RFC 3339): its members' source says so, and it is when
    /// their consent answers were captured.
    pub at: String,
    /// Each purpose's bit in `people.consent_given`.
    pub bits: HashMap<String, i64>,
}

impl Context {
    pub(super) async fn load(conn: &mut SqliteConnection, file_name: &str) -> Result<Context> {
        let areas: Vec<(String, String)> = sqlx::query_as("SELECT lower(name), id FROM areas")
            .fetch_all(&mut *conn)
            .await?;
        let districts: Vec<(String, String)> =
            sqlx::query_as("SELECT district, area_id FROM postcode_areas")
                .fetch_all(&mut *conn)
                .await?;
        let renewal_months = details::renewal_months(conn).await?;
        let mut versions = HashMap::new();
        for (_, purpose) in CONSENT_COLUMNS {
            let version = match consent::purpose_version(conn, purpose).await {
                Err(err) if err.kind != ErrorKind::Validation => return Err(err),
                version => version,
            };
            versions.insert(purpose, version);
        }
        let base = std::path::Path::new(file_name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let at = id::now_rfc3339();
        Ok(Context {
            areas_by_name: areas.into_iter().collect(),
            areas_by_district: districts.into_iter().collect(),
            renewal_months,
            versions,
            bits: consent::purpose_bits(conn).await?,
            source: format!("import: {base} {at}"),
            at,
        })
    }

    /// As [`details::resolve_area`], from the tables read once. An area chosen in the file
    /// came from `areas_by_name`, so it exists.
    pub(super) fn area(&self, clean: &Clean) -> (Option<String>, bool) {
        if let Some(area) = &clean.area_override {
            return (Some(area.clone()), true);
        }
        let area = clean
            .postcode
            .as_deref()
            .and_then(values::postcode_district)
            .and_then(|district| self.areas_by_district.get(&district).cloned());
        (area, false)
    }

    pub(super) fn version(&self, purpose: &str) -> Result<i64> {
        match self.versions.get(purpose) {
            Some(Ok(version)) => Ok(*version),
            Some(Err(err)) => Err(err.clone()),
            None => Err(Error::internal("An unknown consent column.")),
        }
    }
}
