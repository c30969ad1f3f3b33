//! Mailing lists: the people who may be contacted for one purpose, as CSV or XLSX. Only
//! officers and admins export; children's needs and equality data go out only when an admin
//! asks for them explicitly. Every export is audited.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::export::{write_csv, write_xlsx, Sheet};
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ExportFormat.ts")]
pub enum ExportFormat {
    #[default]
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ExportInput.ts")]
pub struct ExportInput {
    /// A consent purpose's id ("email_news") or name ("News and invitations by e-mail").
    pub purpose: String,
    pub format: ExportFormat,
    /// Add children's needs and equality columns (admins only).
    #[serde(default)]
    pub include_special: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ExportFile.ts")]
pub struct ExportFile {
    pub file_name: String,
    pub rows: u32,
    /// People with the consent but without the contact detail the channel needs.
    pub missing_contact: u32,
    #[ts(skip)]
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

#[derive(FromRow)]
struct Purpose {
    id: String,
    channel: Option<String>,
    basis: String,
}

#[derive(FromRow)]
struct Person {
    first_name: String,
    last_name: String,
    preferred_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address_line1: Option<String>,
    address_line2: Option<String>,
    town: Option<String>,
    postcode: Option<String>,
    needs: Option<String>,
    ethnicity: Option<String>,
    first_language: Option<String>,
}

pub async fn mailing_list(s: &Session, input: &ExportInput) -> Result<ExportFile> {
    s.require(Action::ExportMembers)?;
    if input.include_special {
        s.require(Action::ExportSpecialCategory)?;
    }
    let db = s.db().reader();
    let purpose: Purpose = sqlx::query_as(
        "SELECT id, channel, basis FROM consent_purposes WHERE active = 1 AND (id = ?1 OR lower(name) = lower(?1))",
    )
    .bind(input.purpose.trim())
    .fetch_optional(db)
    .await?
    .ok_or_else(|| Error::field("purpose", format!("There is no consent purpose called {:?}", input.purpose.trim())))?;
    let consent_based = purpose.basis == "consent" || purpose.basis == "explicit_consent";
    // People who left are not mailed, whatever they once agreed to.
    let people: Vec<Person> = sqlx::query_as(
        "SELECT p.first_name, p.last_name, p.preferred_name, p.email, p.phone, p.address_line1, \
         p.address_line2, p.town, p.postcode, \
         (SELECT group_concat(coalesce(c.primary_need, '?') || ' (' || c.provision || ')', '; ') \
          FROM children c WHERE c.person_id = p.id) AS needs, e.ethnicity, e.first_language \
         FROM people p JOIN memberships m ON m.person_id = p.id \
         LEFT JOIN equality e ON e.person_id = p.id \
         WHERE m.status != 'left' AND p.erased_at IS NULL AND (?1 = 0 OR p.consent_given & \
         (SELECT 1 << bit FROM consent_purposes WHERE id = ?2) != 0) \
         ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE",
    )
    .bind(consent_based)
    .bind(&purpose.id)
    .fetch_all(db)
    .await?;

    let channel = purpose.channel.as_deref();
    let mut headers = vec!["First name", "Last name", "Known as"];
    headers.extend(match channel {
        Some("email") => vec!["Email"],
        Some("sms") | Some("phone") => vec!["Phone"],
        Some("post") => vec!["Address line 1", "Address line 2", "Town", "Postcode"],
        _ => vec![
            "Email",
            "Phone",
            "Address line 1",
            "Address line 2",
            "Town",
            "Postcode",
        ],
    });
    if input.include_special {
        headers.extend([
            "Children's needs (provision)",
            "Ethnicity",
            "First language",
        ]);
    }
    let mut rows = Vec::with_capacity(people.len());
    let mut missing_contact = 0;
    for p in people {
        let has_contact = match channel {
            Some("email") => p.email.is_some(),
            Some("sms") | Some("phone") => p.phone.is_some(),
            Some("post") => p.address_line1.is_some() && p.postcode.is_some(),
            _ => true,
        };
        if !has_contact {
            missing_contact += 1;
            continue;
        }
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut row = vec![
            p.first_name.clone(),
            p.last_name.clone(),
            text(&p.preferred_name),
        ];
        row.extend(match channel {
            Some("email") => vec![text(&p.email)],
            Some("sms") | Some("phone") => vec![text(&p.phone)],
            Some("post") => vec![
                text(&p.address_line1),
                text(&p.address_line2),
                text(&p.town),
                text(&p.postcode),
            ],
            _ => vec![
                text(&p.email),
                text(&p.phone),
                text(&p.address_line1),
                text(&p.address_line2),
                text(&p.town),
                text(&p.postcode),
            ],
        });
        if input.include_special {
            row.extend([text(&p.needs), text(&p.ethnicity), text(&p.first_language)]);
        }
        rows.push(row);
    }
    let phone_columns: Vec<usize> = headers
        .iter()
        .position(|h| *h == "Phone")
        .into_iter()
        .collect();
    let sheet = Sheet::new(headers.into_iter().map(str::to_owned).collect(), rows)
        .with_phone_columns(phone_columns);
    let count = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    let (bytes, extension) = match input.format {
        ExportFormat::Csv => (write_csv(&sheet), "csv"),
        ExportFormat::Xlsx => (write_xlsx(&sheet)?, "xlsx"),
    };
    let mut tx = s.db().write().await?;
    let changes = json!({"purpose": purpose.id, "rows": count, "format": extension, "special_category": input.include_special});
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "members.exported",
            entity: "export",
            entity_id: None,
            changes,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ExportFile {
        file_name: format!(
            "{}-{}.{extension}",
            purpose.id.replace('_', "-"),
            id::today_london()
        ),
        rows: count,
        missing_contact,
        bytes,
    })
}
