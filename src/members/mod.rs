//! The forum's members: people, their membership, consent, and (under explicit consent) their
//! children's needs. Every function takes the session and checks its role first.

pub mod areas;
pub mod children;
pub mod consent;
pub(crate) mod details;
pub mod duplicates;
pub mod export;
pub mod import;
pub mod membership;
pub mod merge;
pub mod model;
mod record;
pub mod search;

pub use details::{create, get, update, MemberDetails, MembershipStart};
pub use record::{ChildRecord, ConsentState, MemberRecord, Membership, SpecialCategory};

/// For records that link to a member (group contacts, co-opted leaders, seats): the person
/// must exist and not have been erased, or the form's person field says to pick one from the
/// members list.
pub(crate) async fn require_person(
    conn: &mut sqlx::SqliteConnection,
    person_id: &str,
) -> crate::Result<()> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM people WHERE id = ? AND erased_at IS NULL")
            .bind(person_id)
            .fetch_optional(&mut *conn)
            .await?;
    found
        .map(drop)
        .ok_or_else(|| crate::Error::field("personId", "Select the person from the members list"))
}
