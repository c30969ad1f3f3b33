//! The sign-up kiosk: a volunteer's session turned into a form that members of the public
//! type into at a stall. While the session is bound to a drive its role is `Kiosk`, so every
//! service but [`submit`] (and [`form`]) refuses it; leaving needs the password of a user
//! who is not a kiosk, checked and throttled as unlocking is.
//!
//! A sign-up is a person: an applicant linked to the drive, with the consent they ticked
//! (method `kiosk`, the statement version the form showed), their children's needs only when
//! they gave special-category consent in the same submission, and a `drive_signups` row that
//! the officers' review queue works from. [`store_signup`] writes one inside a transaction,
//! for the kiosk and for transfer packs alike.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::members::consent::{self, Capture, SPECIAL_CATEGORY};
use crate::members::details::{self, MemberDetails};
use crate::members::model::{
    AgeBand, ConsentMethod, MemberType, MembershipStatus, Need, Provision,
};
use crate::role::{Action, Role};
use crate::session::{KioskBinding, Session, SessionInfo};
use crate::{id, throttle, validate, Error, Result};

/// How many children one sign-up may describe.
pub const MAX_CHILDREN: usize = 10;
/// What `memberships.recruitment_source` says for everyone who signed up at a drive.
pub const RECRUITMENT_SOURCE: &str = "Recruitment drive";
/// What a kiosk account (or any kiosk without a drive) is told when it tries to sign up.
pub const NOT_STARTED: &str =
    "The kiosk has not been started for a drive. Ask a volunteer to start the kiosk for a drive.";

const MAX_EMAIL: usize = 254;
const MAX_PHONE: usize = 30;
const MAX_POSTCODE: usize = 10;
const MAX_HEARD: usize = 200;
const MAX_NAME: usize = 100;

/// One consent purpose as the kiosk shows it: its current statement, never ticked.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskPurpose.ts")]
pub struct KioskPurpose {
    pub id: String,
    pub name: String,
    pub statement: String,
    /// The statement version; sent back with the answer.
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskNeedChoice.ts")]
pub struct KioskNeedChoice {
    pub value: Need,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskAgeBandChoice.ts")]
pub struct KioskAgeBandChoice {
    pub value: AgeBand,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskProvisionChoice.ts")]
pub struct KioskProvisionChoice {
    pub value: Provision,
    pub label: String,
}

/// Everything the kiosk form needs to draw itself. Nothing about anyone who signed up.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskForm.ts")]
pub struct KioskForm {
    pub drive_id: String,
    pub drive_name: String,
    /// One checkbox each, never pre-ticked (contact, surveys, photos…).
    pub purposes: Vec<KioskPurpose>,
    /// The separate explicit consent that must be ticked before children's needs are shown.
    pub special_purpose: Option<KioskPurpose>,
    pub needs: Vec<KioskNeedChoice>,
    pub age_bands: Vec<KioskAgeBandChoice>,
    pub provisions: Vec<KioskProvisionChoice>,
    pub max_children: u32,
}

/// A consent checkbox's answer as the form sends it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskConsentAnswer.ts")]
pub struct KioskConsentAnswer {
    pub purpose_id: String,
    /// The statement version the form showed.
    pub statement_version: i32,
    pub given: bool,
}

/// One child as the kiosk asks about them: an age band, a primary need, and the support
/// they get. No name, no date of birth.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskChild.ts")]
pub struct KioskChild {
    pub age_band: Option<AgeBand>,
    pub primary_need: Option<Need>,
    pub provision: Option<Provision>,
}

/// What the kiosk form sends. Optional text is an empty string when blank.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "KioskSubmission.ts")]
pub struct KioskSubmission {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub postcode: String,
    pub heard_about: String,
    /// Ticked by a professional or supporter rather than a parent carer.
    pub associate: bool,
    /// An answer per purpose shown; unticked ones may be left out (nothing is recorded for
    /// them either way).
    pub consents: Vec<KioskConsentAnswer>,
    /// Only with special-category consent ticked in the same submission.
    pub children: Vec<KioskChild>,
}

/// One consent answer as collected: the statement shown (version and text) and whether it
/// was ticked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignUpConsent {
    pub purpose_id: String,
    pub statement_version: i32,
    pub statement_text: String,
    pub given: bool,
}

/// Exactly what the kiosk collects for one sign-up, as stored and as a transfer pack carries
/// it. The id is made where the sign-up was typed and kept, so a sign-up is stored once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignUp {
    pub id: String,
    pub drive_id: String,
    /// RFC 3339.
    pub signed_up_at: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub postcode: String,
    pub heard_about: String,
    pub member_type: MemberType,
    pub consents: Vec<SignUpConsent>,
    pub children: Vec<KioskChild>,
}

/// The password that ends kiosk mode: a non-kiosk user's (blank user name: the volunteer
/// who started it).
#[derive(Deserialize, TS, zeroize::Zeroize, zeroize::ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "LeaveKioskInput.ts")]
pub struct LeaveKioskInput {
    #[serde(default)]
    pub username: String,
    pub password: String,
}

/// Turns the session into the kiosk for `drive_id`. Returns the session's new state (role
/// `kiosk`, with the drive).
pub async fn start(s: &Session, drive_id: &str) -> Result<SessionInfo> {
    s.require(Action::RunKiosk)?;
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM drives WHERE id = ?")
        .bind(drive_id)
        .fetch_optional(s.db().reader())
        .await?;
    let name = name.ok_or_else(|| Error::not_found("That drive does not exist."))?;
    let mut tx = s.db().write().await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "kiosk.started",
            entity: "drive",
            entity_id: Some(drive_id),
            changes: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    s.set_kiosk(Some(KioskBinding {
        drive_id: drive_id.to_owned(),
        drive_name: name,
        started_by: s.user_id().to_owned(),
    }));
    s.info().await
}

/// Ends kiosk mode with the password of an active user who is not a kiosk (by default the
/// volunteer who started it). Wrong passwords count towards the same throttle as unlocking,
/// and each is audited.
pub async fn leave(s: &Session, input: LeaveKioskInput) -> Result<SessionInfo> {
    let Some(binding) = s.kiosk() else {
        return Err(Error::conflict("This session is not a kiosk."));
    };
    let mut keyfile = s.vault().load_keyfile()?;
    throttle::check(&keyfile.throttle, id::now_utc())?;
    if input.password.is_empty() {
        return Err(Error::field("password", "Enter a volunteer's password"));
    }
    let username = if input.username.trim().is_empty() {
        sqlx::query_scalar("SELECT username FROM users WHERE id = ?")
            .bind(&binding.started_by)
            .fetch_one(s.db().reader())
            .await?
    } else {
        input.username.trim().to_lowercase()
    };
    let user: Option<(String, String)> =
        sqlx::query_as("SELECT id, role FROM users WHERE username = ? AND disabled_at IS NULL")
            .bind(&username)
            .fetch_optional(s.db().reader())
            .await?;
    let user = user.filter(|(_, role)| Role::parse(role).is_some_and(|r| r != Role::Kiosk));
    let password_ok = match keyfile.user_slot(&username) {
        Some(slot) => slot.unwrap_key(input.password.as_bytes())?.is_some(),
        None => false,
    };
    let mut tx = s.db().write().await?;
    let Some((user_id, _)) = user.filter(|_| password_ok) else {
        throttle::record_failure(&mut keyfile.throttle, id::now_utc());
        keyfile.save(s.vault().keyfile_path())?;
        audit::append(
            &mut tx,
            Entry {
                actor_id: Some(s.user_id()),
                action: "kiosk.leave_refused",
                entity: "drive",
                entity_id: Some(&binding.drive_id),
                changes: json!({}),
            },
        )
        .await?;
        tx.commit().await?;
        return Err(Error::field(
            "password",
            "That password is not right, or is not a volunteer's. Check it and try again.",
        ));
    };
    if keyfile.throttle.failures > 0 {
        keyfile.throttle = Default::default();
        keyfile.save(s.vault().keyfile_path())?;
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(&user_id),
            action: "kiosk.left",
            entity: "drive",
            entity_id: Some(&binding.drive_id),
            changes: json!({"started_by": binding.started_by}),
        },
    )
    .await?;
    tx.commit().await?;
    s.set_kiosk(None);
    s.info().await
}

/// The kiosk's binding, or the message a kiosk account sees before a volunteer starts it.
fn binding(s: &Session) -> Result<KioskBinding> {
    s.require(Action::KioskSignUp)?;
    s.kiosk().ok_or_else(|| Error::conflict(NOT_STARTED))
}

/// What the kiosk form shows: the drive, each consent purpose's current statement, and the
/// choices for children's needs.
pub async fn form(s: &Session) -> Result<KioskForm> {
    let binding = binding(s)?;
    let rows: Vec<(String, String, bool, i32, String)> = sqlx::query_as(
        "SELECT p.id, p.name, p.special, st.version, st.text FROM consent_purposes p \
         JOIN consent_statements st ON st.purpose_id = p.id AND st.version = \
         (SELECT max(version) FROM consent_statements WHERE purpose_id = p.id) \
         WHERE p.active = 1 AND p.basis IN ('consent', 'explicit_consent') ORDER BY p.sort_order",
    )
    .fetch_all(s.db().reader())
    .await?;
    let mut purposes = Vec::new();
    let mut special_purpose = None;
    for (id, name, special, version, statement) in rows {
        let purpose = KioskPurpose {
            id,
            name,
            statement,
            version,
        };
        if special && purpose.id == SPECIAL_CATEGORY {
            special_purpose = Some(purpose);
        } else {
            purposes.push(purpose);
        }
    }
    Ok(KioskForm {
        drive_id: binding.drive_id,
        drive_name: binding.drive_name,
        purposes,
        special_purpose,
        needs: Need::ALL
            .iter()
            .map(|n| KioskNeedChoice {
                value: *n,
                label: n.label().to_owned(),
            })
            .collect(),
        age_bands: AgeBand::ALL
            .iter()
            .map(|a| KioskAgeBandChoice {
                value: *a,
                label: age_band_label(*a).to_owned(),
            })
            .collect(),
        provisions: Provision::ALL
            .iter()
            .map(|p| KioskProvisionChoice {
                value: *p,
                label: provision_label(*p).to_owned(),
            })
            .collect(),
        max_children: MAX_CHILDREN as u32,
    })
}

pub fn age_band_label(band: AgeBand) -> &'static str {
    match band {
        AgeBand::Age0To4 => "0 to 4 years",
        AgeBand::Age5To10 => "5 to 10 years",
        AgeBand::Age11To15 => "11 to 15 years",
        AgeBand::Age16To19 => "16 to 19 years",
        AgeBand::Age20To25 => "20 to 25 years",
    }
}

pub fn provision_label(provision: Provision) -> &'static str {
    match provision {
        Provision::Ehcp => "An education, health and care plan (EHCP)",
        Provision::SenSupport => "SEN support at school or college",
        Provision::None => "No extra support",
        Provision::NotKnown => "Not sure",
    }
}

/// Adds one sign-up to the kiosk's drive. Every problem comes back at once as field errors,
/// and nothing is written unless all is well. Returns nothing: the form goes back to empty.
pub async fn submit(s: &Session, input: KioskSubmission) -> Result<()> {
    let binding = binding(s)?;
    if input.consents.len() > 64 {
        return Err(Error::field(
            "consents",
            "The form sent more answers than it asks",
        ));
    }
    // The statements the form showed must still be the current ones: consent is to a
    // wording, and a changed wording must be read again.
    let mut consents = Vec::with_capacity(input.consents.len());
    let mut errors = FieldErrors::default();
    for answer in &input.consents {
        let current: Option<(String, i32, String)> = sqlx::query_as(
            "SELECT p.name, st.version, st.text FROM consent_purposes p \
             JOIN consent_statements st ON st.purpose_id = p.id AND st.version = \
             (SELECT max(version) FROM consent_statements WHERE purpose_id = p.id) \
             WHERE p.id = ? AND p.active = 1 AND p.basis IN ('consent', 'explicit_consent')",
        )
        .bind(&answer.purpose_id)
        .fetch_optional(s.db().reader())
        .await?;
        match current {
            None => errors.add(
                "consents",
                "The form asked about a purpose the forum does not use",
            ),
            Some((name, version, _)) if version != answer.statement_version => errors.add(
                "consents",
                format!(
                    "The wording for \u{201c}{name}\u{201d} has changed since the form was opened. \
                     Read it again and tick the box if you agree."
                ),
            ),
            Some((_, version, text)) => consents.push(SignUpConsent {
                purpose_id: answer.purpose_id.clone(),
                statement_version: version,
                statement_text: text,
                given: answer.given,
            }),
        }
    }
    let signup = SignUp {
        id: id::new_id(),
        drive_id: binding.drive_id.clone(),
        signed_up_at: id::now_rfc3339(),
        first_name: input.first_name,
        last_name: input.last_name,
        email: input.email,
        phone: input.phone,
        postcode: input.postcode,
        heard_about: input.heard_about,
        member_type: if input.associate {
            MemberType::Associate
        } else {
            MemberType::ParentCarer
        },
        consents,
        children: input.children,
    };
    // The statements' problems and the form's, all at once.
    errors.merge(check(&signup).map(drop))?;
    errors.finish()?;
    let mut tx = s.db().write().await?;
    let source = format!("kiosk: {}", binding.drive_name);
    store_signup(&mut tx, &signup, &binding.started_by, &source, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks a sign-up as the kiosk form does, returning the member details to store. Field
/// names are the kiosk form's.
fn check(signup: &SignUp) -> Result<details::Clean> {
    let mut errors = FieldErrors::default();
    validate::name(
        &mut errors,
        "firstName",
        "your first name",
        &signup.first_name,
        MAX_NAME,
    );
    validate::name(
        &mut errors,
        "lastName",
        "your last name",
        &signup.last_name,
        MAX_NAME,
    );
    let bounded = |errors: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize| {
        if value.trim().chars().count() > max {
            errors.add(field, format!("{label} must be {max} characters or fewer"));
        }
    };
    bounded(
        &mut errors,
        "email",
        "Your e-mail address",
        &signup.email,
        MAX_EMAIL,
    );
    bounded(
        &mut errors,
        "phone",
        "Your phone number",
        &signup.phone,
        MAX_PHONE,
    );
    bounded(
        &mut errors,
        "postcode",
        "Your postcode",
        &signup.postcode,
        MAX_POSTCODE,
    );
    bounded(
        &mut errors,
        "heardAbout",
        "How you heard about the forum",
        &signup.heard_about,
        MAX_HEARD,
    );
    if signup.email.trim().is_empty() && signup.phone.trim().is_empty() {
        errors.add(
            "email",
            "Enter an e-mail address or a phone number, so the forum can contact you",
        );
    }
    if signup.postcode.trim().is_empty() {
        errors.add("postcode", "Enter your postcode");
    }
    let mut seen = HashSet::new();
    if signup
        .consents
        .iter()
        .any(|c| !seen.insert(c.purpose_id.as_str()))
    {
        errors.add("consents", "Each consent can be answered only once");
    }
    let special = signup
        .consents
        .iter()
        .any(|c| c.purpose_id == SPECIAL_CATEGORY && c.given);
    if !signup.children.is_empty() && !special {
        errors.add(
            "children",
            "To tell us about your children's needs, first tick the box that lets the forum keep that information",
        );
    } else if signup.children.len() > MAX_CHILDREN {
        errors.add(
            "children",
            format!("You can tell us about up to {MAX_CHILDREN} children here"),
        );
    } else {
        for (i, child) in signup.children.iter().enumerate() {
            let n = i + 1;
            if child.age_band.is_none() {
                errors.add(
                    &format!("children.{i}.ageBand"),
                    format!("Choose an age band for child {n}"),
                );
            }
            if child.provision.is_none() {
                errors.add(
                    &format!("children.{i}.provision"),
                    format!("Choose the support child {n} gets, or \u{201c}Not sure\u{201d}"),
                );
            }
        }
    }
    let details = MemberDetails {
        first_name: signup.first_name.clone(),
        last_name: signup.last_name.clone(),
        email: signup.email.clone(),
        phone: signup.phone.clone(),
        postcode: signup.postcode.clone(),
        heard_about: signup.heard_about.clone(),
        member_type: Some(signup.member_type),
        recruitment_source: RECRUITMENT_SOURCE.to_owned(),
        ..Default::default()
    };
    let clean = match details::clean(&details) {
        Ok(clean) => Some(clean),
        Err(err) => {
            errors.merge(Err(err))?;
            None
        }
    };
    errors.finish()?;
    clean.ok_or_else(|| Error::internal("The sign-up was checked but not kept."))
}

/// Stores one sign-up inside the caller's write transaction, exactly as a kiosk submit does:
/// a person (`source`, e.g. `"kiosk: <drive name>"` or `"transfer pack: <file> <time>"`)
/// with an `applicant` membership linked to the drive (recruitment source "Recruitment
/// drive"), their search index row and consent bits, one consent capture (method `kiosk`,
/// at the sign-up's time, captured by `recorded_by`) answering "yes" for each purpose ticked,
/// at the statement version in the sign-up, and nothing for the others, their children only
/// when special-category consent is among those ticked, a `pending` `drive_signups` row with
/// the sign-up's own id (`imported_from` set for a transfer pack), and one `drive.signup`
/// audit entry (ids only) by `recorded_by`.
///
/// The sign-up is checked as the kiosk form checks it (a validation error with the kiosk's
/// field names if not); the drive must exist (not found); a sign-up id already stored is a
/// conflict (a transfer pack should skip those first); each consent's statement version must
/// exist for its purpose with the same text when the text is given (a validation error on
/// `consents`). Nothing is written on any error. Returns the new person's id.
pub(crate) async fn store_signup(
    conn: &mut SqliteConnection,
    signup: &SignUp,
    recorded_by: &str,
    source: &str,
    imported_from: Option<&str>,
) -> Result<String> {
    let clean = check(signup)?;
    let signed_up_at = id::parse_rfc3339(&signup.signed_up_at)
        .ok_or_else(|| Error::field("signedUpAt", "The sign-up's time cannot be read"))?;
    if signup.id.trim().is_empty() || signup.id.len() > 64 {
        return Err(Error::field("id", "The sign-up has no usable id"));
    }
    let drive: Option<String> = sqlx::query_scalar("SELECT id FROM drives WHERE id = ?")
        .bind(&signup.drive_id)
        .fetch_optional(&mut *conn)
        .await?;
    if drive.is_none() {
        return Err(Error::not_found("That drive does not exist."));
    }
    let known: Option<String> = sqlx::query_scalar("SELECT id FROM drive_signups WHERE id = ?")
        .bind(&signup.id)
        .fetch_optional(&mut *conn)
        .await?;
    if known.is_some() {
        return Err(Error::conflict("This sign-up is already stored."));
    }
    let given: Vec<&SignUpConsent> = signup.consents.iter().filter(|c| c.given).collect();
    for consent in &given {
        let text: Option<String> = sqlx::query_scalar(
            "SELECT st.text FROM consent_statements st JOIN consent_purposes p ON p.id = st.purpose_id \
             WHERE st.purpose_id = ? AND st.version = ? AND p.basis IN ('consent', 'explicit_consent')",
        )
        .bind(&consent.purpose_id)
        .bind(consent.statement_version)
        .fetch_optional(&mut *conn)
        .await?;
        match text {
            Some(text) if consent.statement_text.is_empty() || text == consent.statement_text => {}
            _ => {
                return Err(Error::field(
                    "consents",
                    format!(
                        "The consent statement for \u{201c}{}\u{201d} (version {}) is not one this forum has",
                        consent.purpose_id, consent.statement_version
                    ),
                ))
            }
        }
    }
    let bits: HashMap<String, i64> = consent::purpose_bits(conn).await?;
    let answers: Vec<(&str, bool)> = given
        .iter()
        .map(|c| (c.purpose_id.as_str(), true))
        .collect();
    let consent_given = consent::given_bits(&bits, &answers);
    let person_id = details::insert_one(
        conn,
        recorded_by,
        clean,
        MembershipStatus::Applicant,
        id::london_date(signed_up_at),
        source,
        consent_given,
    )
    .await?;
    sqlx::query("UPDATE memberships SET drive_id = ? WHERE person_id = ?")
        .bind(&signup.drive_id)
        .bind(&person_id)
        .execute(&mut *conn)
        .await?;
    // The sign-up is one capture: every purpose ticked on it, when it was made.
    let mut capture = Capture::new(
        &person_id,
        ConsentMethod::Kiosk,
        Some(recorded_by),
        &signup.signed_up_at,
    );
    for c in &given {
        capture.answer(&bits, &c.purpose_id, true, i64::from(c.statement_version))?;
    }
    consent::append_captures(conn, std::slice::from_ref(&capture)).await?;
    let special = given.iter().any(|c| c.purpose_id == SPECIAL_CATEGORY);
    let children = if special {
        signup.children.as_slice()
    } else {
        &[]
    };
    let now = id::now_rfc3339();
    for child in children {
        sqlx::query(
            "INSERT INTO children (id, person_id, age_band, primary_need, provision, created_at, \
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id::new_id())
        .bind(&person_id)
        .bind(child.age_band.map(AgeBand::as_str))
        .bind(child.primary_need.map(Need::as_str))
        .bind(child.provision.unwrap_or(Provision::NotKnown).as_str())
        .bind(&now)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO drive_signups (id, drive_id, person_id, signed_up_at, status, imported_from) \
         VALUES (?, ?, ?, ?, 'pending', ?)",
    )
    .bind(&signup.id)
    .bind(&signup.drive_id)
    .bind(&person_id)
    .bind(&signup.signed_up_at)
    .bind(imported_from)
    .execute(&mut *conn)
    .await?;
    let purposes: Vec<&str> = given.iter().map(|c| c.purpose_id.as_str()).collect();
    audit::append(
        conn,
        Entry {
            actor_id: Some(recorded_by),
            action: "drive.signup",
            entity: "drive_signup",
            entity_id: Some(&signup.id),
            changes: json!({
                "drive": signup.drive_id,
                "person": person_id,
                "consents_given": purposes,
                "children": children.len(),
                "imported": imported_from.is_some(),
            }),
        },
    )
    .await?;
    Ok(person_id)
}
