//! Storing checked rows: a row that matches an existing member is reported (or, under the
//! "merge" policy, fills that member's blanks), and new members are written a batch at a
//! time, a few statements per batch rather than a dozen per row.

use sqlx::SqliteConnection;

use super::check::Checked;
use super::context::Context;
use super::{DuplicatePolicy, ImportReport};
use crate::import::Problem;
use crate::members::consent::{self, Capture};
use crate::members::details::{self, Clean, NewPerson};
use crate::members::duplicates::DuplicateMatch;
use crate::members::model::ConsentMethod;
use crate::members::search::IndexRow;
use crate::session::Session;
use crate::{id, Result};

/// A new member checked and not yet written, with their consent answers.
pub(super) type Pending = Vec<(NewPerson, Vec<(&'static str, bool)>)>;

/// What every stored row shares.
pub(super) struct Import<'a> {
    pub s: &'a Session,
    pub context: &'a Context,
    pub policy: DuplicatePolicy,
}

/// A checked row, given the existing members it may be: under the "merge" policy a
/// duplicate fills the blanks of the member it matches; anything else goes to [`queue`].
pub(super) async fn store(
    conn: &mut SqliteConnection,
    import: &Import<'_>,
    report: &mut ImportReport,
    pending: &mut Pending,
    row: Checked,
    existing: Vec<DuplicateMatch>,
) -> Result<()> {
    let Some(found) = existing
        .first()
        .filter(|_| import.policy == DuplicatePolicy::Merge)
    else {
        return queue(import, report, pending, row, &existing);
    };
    let Checked { parsed, .. } = row;
    report.duplicates += 1;
    fill_blanks(conn, &found.person_id, &parsed.clean).await?;
    let capture = capture(
        import.context,
        &found.person_id,
        import.s.user_id(),
        &parsed.consents,
    )?;
    consent::append_captures(conn, std::slice::from_ref(&capture)).await?;
    consent::refresh_given(conn, &found.person_id).await?;
    crate::members::search::index(conn, &found.person_id).await?;
    report.updated += 1;
    Ok(())
}

/// A checked row that changes no existing member: reported as a duplicate of the member it
/// matches (the "skip" policy), or queued in `pending` to be written as a new member. Needs
/// no database, so the importer can do it while the writer stores the batch before.
pub(super) fn queue(
    import: &Import<'_>,
    report: &mut ImportReport,
    pending: &mut Pending,
    row: Checked,
    existing: &[DuplicateMatch],
) -> Result<()> {
    let Import { context, .. } = *import;
    let Checked { number, parsed, .. } = row;
    if let Some(found) = existing.first() {
        report.duplicates += 1;
        let who = format!("{} {}", found.first_name, found.last_name);
        report.problems.push(Problem::new(
            number,
            String::new(),
            format!(
                "This looks like {who}, who is already a member ({}), so it was skipped",
                found.reason
            ),
        ));
        return Ok(());
    }
    for (purpose, _) in &parsed.consents {
        context.version(purpose)?;
    }
    let (area_id, overridden) = context.area(&parsed.clean);
    let mut person = NewPerson::new(
        parsed.clean,
        area_id,
        overridden,
        parsed.status,
        parsed.joined_on,
    );
    // The row's answers are this new person's only consent events.
    person.consent_given = consent::given_bits(&context.bits, &parsed.consents);
    pending.push((person, parsed.consents));
    report.created += 1;
    Ok(())
}

/// Writes new members and their consent answers, adding their rows for the search index to
/// `index`, which the caller writes once at the end (see [`crate::members::search::index_new`]).
pub(super) async fn write(
    conn: &mut SqliteConnection,
    s: &Session,
    context: &Context,
    pending: Pending,
    index: &mut Vec<IndexRow>,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let (people, consents): (Vec<NewPerson>, Vec<_>) = pending.into_iter().unzip();
    let rows = details::insert_many(
        conn,
        &people,
        s.user_id(),
        &context.source,
        context.renewal_months,
    )
    .await?;
    index.extend(rows);
    let captures = people
        .iter()
        .zip(&consents)
        .map(|(person, consents)| capture(context, &person.id, s.user_id(), consents))
        .collect::<Result<Vec<_>>>()?;
    consent::append_captures(conn, &captures).await
}

/// A row's consent answers as one capture: the row, read by this import (`user`), at the
/// purposes' current statement versions.
fn capture<'a>(
    context: &'a Context,
    person_id: &'a str,
    user: &'a str,
    consents: &[(&str, bool)],
) -> Result<Capture<'a>> {
    let mut capture = Capture::new(person_id, ConsentMethod::Import, Some(user), &context.at);
    for (purpose, given) in consents {
        capture.answer(&context.bits, purpose, *given, context.version(purpose)?)?;
    }
    Ok(capture)
}

/// For the "merge" duplicate policy: blank fields of the existing member take the row's values.
async fn fill_blanks(conn: &mut SqliteConnection, person_id: &str, clean: &Clean) -> Result<()> {
    sqlx::query(
        "UPDATE people SET preferred_name = coalesce(preferred_name, ?), email = coalesce(email, ?), \
         email_key = coalesce(email_key, ?), phone = coalesce(phone, ?), address_line1 = coalesce(address_line1, ?), \
         address_line2 = coalesce(address_line2, ?), town = coalesce(town, ?), postcode = coalesce(postcode, ?), \
         heard_about = coalesce(heard_about, ?), notes = coalesce(notes, ?), updated_at = ? WHERE id = ?",
    )
    .bind(&clean.preferred_name)
    .bind(&clean.email)
    .bind(clean.email_key())
    .bind(&clean.phone)
    .bind(&clean.address_line1)
    .bind(&clean.address_line2)
    .bind(&clean.town)
    .bind(&clean.postcode)
    .bind(&clean.heard_about)
    .bind(&clean.notes)
    .bind(id::now_rfc3339())
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
