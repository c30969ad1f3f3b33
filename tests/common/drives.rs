//! Set-up shared by the drives tests (kiosk, review, results, CLI): a drive, a kiosk session
//! and kiosk submissions. Included with `#[path = "common/drives.rs"] mod drives_common;`.
#![allow(dead_code)]

use forumdesk::drives::drive::{self, Drive, DriveInput};
use forumdesk::drives::kiosk::{self, KioskConsentAnswer, KioskForm, KioskSubmission};
use forumdesk::Session;

pub async fn new_drive(s: &Session, name: &str) -> Drive {
    drive::create(
        s,
        DriveInput {
            name: name.into(),
            starts_on: "2026-11-14".into(),
            venue: "St Mary's Primary School".into(),
            cost: "60.00".into(),
            ..Default::default()
        },
    )
    .await
    .expect("create drive")
}

/// A sign-up with a name, an e-mail address and a postcode, ticking nothing.
pub fn signup(first: &str, last: &str, email: &str) -> KioskSubmission {
    KioskSubmission {
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        postcode: "PR1 2HE".into(),
        heard_about: "A poster at school".into(),
        ..Default::default()
    }
}

/// The form's answers with `ticked` purposes given (at the version the form shows) and
/// every other purpose shown left unticked.
pub fn answers(form: &KioskForm, ticked: &[&str]) -> Vec<KioskConsentAnswer> {
    form.purposes
        .iter()
        .chain(form.special_purpose.iter())
        .map(|p| KioskConsentAnswer {
            purpose_id: p.id.clone(),
            statement_version: p.version,
            given: ticked.contains(&p.id.as_str()),
        })
        .collect()
}

pub async fn submit(kiosk_session: &Session, input: KioskSubmission) {
    kiosk::submit(kiosk_session, input).await.expect("sign-up");
}
