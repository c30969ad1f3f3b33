//! Grant periods on real encrypted databases: a year with its tranches and returns, budget
//! lines and spending (planned against actual), and the checks on money and dates.

mod common;

use common::*;
use forumdesk::grants::period::{self, GrantInput, GrantReturnInput, TrancheInput};
use forumdesk::grants::spend::{self, BudgetLineInput, SpendInput};
use forumdesk::{ErrorKind, Role};

fn grant_2026() -> GrantInput {
    GrantInput {
        year: "2026/27".into(),
        amount: "£17,500".into(),
        tranches: vec![
            TrancheInput {
                due_on: "30/04/2026".into(),
                amount: "8,750".into(),
            },
            TrancheInput {
                due_on: "31/10/2026".into(),
                amount: "8750.00".into(),
            },
        ],
        returns: vec![GrantReturnInput {
            title: "Mid-year return".into(),
            due_on: "2026-10-15".into(),
        }],
        notes: String::new(),
    }
}

#[tokio::test]
async fn a_grant_year_with_tranches_returns_and_spend_against_budget() {
    let (_forum, admin) = new_forum().await;
    let grant = period::create(&admin, grant_2026()).await.expect("grant");
    assert_eq!(grant.label, "2026–27");
    assert_eq!(
        (grant.starts_on.as_str(), grant.ends_on.as_str()),
        ("2026-04-01", "2027-03-31")
    );
    assert_eq!(grant.amount_pence, 1_750_000);
    assert_eq!(grant.tranches.len(), 2);
    assert_eq!(grant.returns[0].title, "Mid-year return");

    let grant = spend::add_line(
        &admin,
        &grant.id,
        BudgetLineInput {
            name: "Events".into(),
            planned: "2,000".into(),
        },
    )
    .await
    .expect("line");
    let grant = spend::add_line(
        &admin,
        &grant.id,
        BudgetLineInput {
            name: "Volunteer expenses".into(),
            planned: "1500".into(),
        },
    )
    .await
    .expect("line");
    let events = grant
        .budget
        .iter()
        .find(|b| b.name == "Events")
        .expect("events")
        .id
        .clone();
    for (on, amount) in [("2026-05-10", "250.50"), ("2026-06-01", "£99.50")] {
        spend::record(
            &admin,
            SpendInput {
                budget_line_id: events.clone(),
                spent_on: on.into(),
                amount: amount.into(),
                description: "Room hire".into(),
            },
        )
        .await
        .expect("spend");
    }
    let grant = period::get(&admin, &grant.id).await.expect("get");
    let line = grant
        .budget
        .iter()
        .find(|b| b.name == "Events")
        .expect("events");
    assert_eq!((line.planned_pence, line.actual_pence), (200_000, 35_000));
    assert_eq!((grant.planned_pence, grant.spent_pence), (350_000, 35_000));
    assert_eq!(spend::log(&admin, &grant.id).await.expect("log").len(), 2);

    let first = grant.tranches[0].id.clone();
    let grant = period::mark_done(&admin, &first, "2026-05-02")
        .await
        .expect("received");
    assert_eq!(grant.tranches[0].received_on.as_deref(), Some("2026-05-02"));
    let ret = grant.returns[0].id.clone();
    let grant = period::mark_done(&admin, &ret, "")
        .await
        .expect("submitted");
    assert!(grant.returns[0].submitted_on.is_some());
}

#[tokio::test]
async fn money_and_dates_are_checked() {
    let (forum, admin) = new_forum().await;
    let err = period::create(&admin, GrantInput::default())
        .await
        .expect_err("empty");
    for field in ["year", "amount"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let mut uneven = grant_2026();
    uneven.tranches[1].amount = "8,000".into();
    let err = period::create(&admin, uneven).await.expect_err("tranches");
    assert_eq!(
        err.fields["tranches"],
        "The tranches add up to £16,750.00, not the grant's £17,500.00"
    );
    let mut bad = grant_2026();
    bad.amount = "=SUM(A1:A9)".into();
    bad.tranches[0].due_on = "31/02/2026".into();
    bad.returns[0].title = String::new();
    let err = period::create(&admin, bad).await.expect_err("bad");
    for field in ["amount", "tranches.0.dueOn", "returns.0.title"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let grant = period::create(&admin, grant_2026()).await.expect("grant");
    let err = period::create(&admin, grant_2026())
        .await
        .expect_err("twice");
    assert_eq!(err.fields["year"], "The 2026–27 grant is already recorded");

    let grant = spend::add_line(
        &admin,
        &grant.id,
        BudgetLineInput {
            name: "Events".into(),
            planned: "100".into(),
        },
    )
    .await
    .expect("line");
    let err = spend::add_line(
        &admin,
        &grant.id,
        BudgetLineInput {
            name: "events".into(),
            planned: "1".into(),
        },
    )
    .await
    .expect_err("same name");
    assert!(err.fields["name"].contains("already a line"), "{err:?}");
    let line = grant.budget[0].id.clone();
    let spend_on = |on: &str, amount: &str| SpendInput {
        budget_line_id: line.clone(),
        spent_on: on.into(),
        amount: amount.into(),
        description: "<script>alert(1)</script>".into(),
    };
    let err = spend::record(&admin, spend_on("2027-04-01", "10"))
        .await
        .expect_err("next year");
    assert!(
        err.fields["spentOn"].contains("in the grant year"),
        "{err:?}"
    );
    let err = spend::record(&admin, spend_on("2026-05-01", "0"))
        .await
        .expect_err("nothing");
    assert!(err.fields.contains_key("amount"), "{err:?}");
    let err = spend::record(&admin, spend_on("2026-05-01", "2,000,000"))
        .await
        .expect_err("huge");
    assert!(err.fields["amount"].contains("£1,000,000"), "{err:?}");
    spend::record(&admin, spend_on("2026-05-01", "10"))
        .await
        .expect("hostile text kept");
    let log = spend::log(&admin, &grant.id).await.expect("log");
    assert_eq!(log[0].description, "<script>alert(1)</script>");

    // The forum's money is for officers and admins.
    add_user(&admin, "vol", Role::Volunteer).await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    assert_eq!(
        period::list(&volunteer).await.expect_err("vol").kind,
        ErrorKind::Forbidden
    );
}
