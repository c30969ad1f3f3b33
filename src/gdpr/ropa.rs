//! The record of processing activities (UK GDPR Art. 30) and a plain-English privacy notice
//! drafted from the same facts: the configured consent purposes with their current
//! statements and lawful bases, the categories of data and of people, recipients, the
//! retention schedule as set, and the security measures as they really are on this forum
//! (the SQLCipher build, the Argon2id cost in the key file, the idle-lock minutes, the roles
//! in use, the audit chain). Nothing is typed in twice, so the documents cannot drift from
//! what the app does.
//!
//! Both come as Markdown and as a printable, self-contained HTML page (no scripts, no
//! external files, every value escaped).

use std::fmt::Write as _;

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::crypto::{KdfParams, Keyfile};
use crate::report::html::escape;
use crate::role::Action;
use crate::session::Session;
use crate::{id, paths, validate, Result};

/// The four documents, ready to show or save.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ProcessingDocuments.ts")]
pub struct ProcessingDocuments {
    pub record_markdown: String,
    pub record_html: String,
    pub notice_markdown: String,
    pub notice_html: String,
    /// "record-of-processing-2026-11-22": a file name without its extension.
    pub record_file_stem: String,
    pub notice_file_stem: String,
}

/// The facts both documents are drawn from.
#[derive(Debug, Clone)]
pub struct Facts {
    pub forum_name: String,
    pub generated_on: time::Date,
    pub purposes: Vec<Purpose>,
    pub retention: Retention,
    pub idle_lock_minutes: i64,
    pub kdf: KdfParams,
    pub cipher_version: String,
    pub roles_in_use: Vec<(String, i64)>,
    pub audit_entries: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct Purpose {
    pub id: String,
    pub name: String,
    pub channel: Option<String>,
    pub basis: String,
    pub special: bool,
    pub version: i64,
    pub statement: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct Retention {
    pub left_months: i64,
    pub applicant_months: i64,
    pub child_age: i64,
    pub audit_months: i64,
}

pub async fn documents(s: &Session) -> Result<ProcessingDocuments> {
    s.require(Action::ViewProcessingRecord)?;
    let facts = facts(s).await?;
    let record = record_doc(&facts);
    let notice = notice_doc(&facts);
    let date = facts.generated_on;
    Ok(ProcessingDocuments {
        record_markdown: to_markdown(&record),
        record_html: to_html(
            &record,
            &format!("Record of processing — {}", facts.forum_name),
        ),
        notice_markdown: to_markdown(&notice),
        notice_html: to_html(&notice, &format!("Privacy notice — {}", facts.forum_name)),
        record_file_stem: format!("record-of-processing-{date}"),
        notice_file_stem: format!("privacy-notice-{date}"),
    })
}

/// Reads what the documents say from the database and the key file.
pub async fn facts(s: &Session) -> Result<Facts> {
    s.require(Action::ViewProcessingRecord)?;
    let db = s.db().reader();
    let (forum_name, idle_lock_minutes, audit_entries): (String, i64, i64) =
        sqlx::query_as("SELECT name, idle_lock_minutes, audit_head_seq FROM forum WHERE id = 1")
            .fetch_one(db)
            .await?;
    let purposes: Vec<Purpose> = sqlx::query_as(
        "SELECT p.id, p.name, p.channel, p.basis, p.special, st.version, st.text AS statement \
         FROM consent_purposes p JOIN consent_statements st ON st.purpose_id = p.id AND \
         st.version = (SELECT max(version) FROM consent_statements WHERE purpose_id = p.id) \
         WHERE p.active = 1 ORDER BY p.sort_order, p.id",
    )
    .fetch_all(db)
    .await?;
    let retention: Retention = sqlx::query_as(
        "SELECT retention_left_months AS left_months, \
         retention_applicant_months AS applicant_months, retention_child_age AS child_age, \
         retention_audit_months AS audit_months FROM forum WHERE id = 1",
    )
    .fetch_one(db)
    .await?;
    let cipher_version: Option<String> = sqlx::query_scalar("PRAGMA cipher_version")
        .fetch_optional(db)
        .await?;
    let roles_in_use: Vec<(String, i64)> = sqlx::query_as(
        "SELECT role, count(*) FROM users WHERE disabled_at IS NULL GROUP BY role \
         ORDER BY CASE role WHEN 'admin' THEN 1 WHEN 'officer' THEN 2 WHEN 'volunteer' THEN 3 \
         ELSE 4 END",
    )
    .fetch_all(db)
    .await?;
    // The weakest key-derivation cost of any slot in the key file: that is what an attacker
    // with the file would face.
    let kdf = Keyfile::load(&paths::keyfile_path(s.db().path()))
        .ok()
        .and_then(|k| {
            k.slots
                .iter()
                .map(|slot| slot.kdf)
                .min_by_key(|p| (u64::from(p.m_kib) * u64::from(p.t), p.m_kib))
        })
        .unwrap_or(KdfParams::CURRENT);
    Ok(Facts {
        forum_name,
        generated_on: id::today_london(),
        purposes,
        retention,
        idle_lock_minutes,
        kdf,
        cipher_version: cipher_version.unwrap_or_else(|| "unknown".into()),
        roles_in_use,
        audit_entries,
    })
}

/// A small document model, written out as Markdown or HTML.
#[derive(Debug, Clone)]
enum Block {
    H1(String),
    H2(String),
    P(String),
    List(Vec<String>),
    Table {
        caption: String,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

fn lawful_basis(basis: &str) -> &'static str {
    match basis {
        "consent" => "Consent — UK GDPR Article 6(1)(a)",
        "explicit_consent" => "Consent — UK GDPR Article 6(1)(a), given explicitly",
        "legitimate_interests" => "Legitimate interests — UK GDPR Article 6(1)(f)",
        "contract" => "Contract — UK GDPR Article 6(1)(b)",
        "legal_obligation" => "Legal obligation — UK GDPR Article 6(1)(c)",
        _ => "Not recorded",
    }
}

fn basis_in_plain_words(basis: &str) -> &'static str {
    match basis {
        "consent" | "explicit_consent" => {
            "because you said yes. You can change your mind at any time."
        }
        "legitimate_interests" => {
            "because we need to, to run the forum for its members (our legitimate interests)."
        }
        "contract" => "because we need to, to do what we agreed with you.",
        "legal_obligation" => "because the law requires us to.",
        _ => "for a reason we have recorded.",
    }
}

fn article9(p: &Purpose) -> String {
    if !p.special {
        "None: no special-category data".into()
    } else if p.basis == "explicit_consent" {
        "Explicit consent — UK GDPR Article 9(2)(a)".into()
    } else {
        "Not-for-profit body with a health and disability aim, about its members — \
         UK GDPR Article 9(2)(d)"
            .into()
    }
}

fn months(n: i64) -> String {
    if n % 12 == 0 {
        let years = n / 12;
        if years == 1 {
            "1 year".into()
        } else {
            format!("{years} years")
        }
    } else if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

fn mib(kib: u32) -> String {
    format!("{} MiB", kib / 1024)
}

fn retention_rows(r: &Retention) -> Vec<Vec<String>> {
    vec![
        vec![
            "Members who have left or whose membership lapsed".into(),
            format!("{} after they left or lapsed, then erased", months(r.left_months)),
        ],
        vec![
            "Sign-ups (for example at a stall) never confirmed".into(),
            format!("{} after signing up, then erased", months(r.applicant_months)),
        ],
        vec![
            "People whose only reason for being held was consent, now withdrawn".into(),
            "Erased at the next retention review".into(),
        ],
        vec![
            "Children's needs and equality information".into(),
            format!(
                "While explicit consent lasts, and never after the young person turns {}",
                r.child_age
            ),
        ],
        vec![
            "Audit trail (who did what, by id; no personal values)".into(),
            months(r.audit_months),
        ],
        vec![
            "Subject access and erasure requests; the breach register".into(),
            "Kept as the forum's evidence of meeting its duties (they name no one once a person is erased)".into(),
        ],
    ]
}

fn security_list(f: &Facts) -> Vec<String> {
    let roles = if f.roles_in_use.is_empty() {
        String::new()
    } else {
        let parts: Vec<String> = f
            .roles_in_use
            .iter()
            .map(|(role, n)| format!("{n} {role}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        format!(" Users now: {}.", parts.join(", "))
    };
    vec![
        format!(
            "The whole database is encrypted at rest with SQLCipher {} (AES-256, with an HMAC on every page); nothing is stored unencrypted.",
            f.cipher_version
        ),
        format!(
            "Each user's password unlocks their own copy of the database key, derived with Argon2id ({} memory, {} passes, {} lane{}); there is one offline recovery key.",
            mib(f.kdf.m_kib),
            f.kdf.t,
            f.kdf.p,
            if f.kdf.p == 1 { "" } else { "s" }
        ),
        format!(
            "The app locks itself after {} minute{} without use, and when the computer sleeps or its screen locks.",
            f.idle_lock_minutes,
            if f.idle_lock_minutes == 1 { "" } else { "s" }
        ),
        format!(
            "Role-based access: admins, officers, volunteers and kiosk accounts each do only what their role allows; only admins and officers see children's needs.{roles}"
        ),
        format!(
            "Every change and every opening of a member's record is written to a tamper-evident audit trail (a hash chain, {} entries so far), which never holds personal values.",
            f.audit_entries
        ),
        "Backups are encrypted with the same key and checked before any restore.".into(),
        "Sign-ups carried from a drive laptop travel in a transfer pack encrypted under a passphrase (Argon2id, XChaCha20-Poly1305); it holds only what the kiosk collected, and a wrong passphrase or a changed file imports nothing.".into(),
        "Exports to spreadsheets are made safe against formula injection; special-category data is exported only when asked for explicitly.".into(),
        "Data is held on the forum's own computers; no cloud service processes it.".into(),
    ]
}

fn record_doc(f: &Facts) -> Vec<Block> {
    let mut doc = vec![
        Block::H1(format!("Record of processing activities — {}", f.forum_name)),
        Block::P(format!(
            "UK GDPR Article 30. Generated by ForumDesk on {} from the forum's own settings. The small-organisation exemption does not apply: the forum processes special-category data about children.",
            validate::long_date(f.generated_on)
        )),
        Block::H2("Controller".into()),
        Block::P(format!(
            "{}, a parent carer forum. Add the contact details of the person responsible for data protection before publishing.",
            f.forum_name
        )),
        Block::H2("Purposes and lawful bases".into()),
    ];
    doc.push(Block::Table {
        caption: "Each purpose as configured, with the statement people agree to".into(),
        headers: vec![
            "Purpose".into(),
            "Lawful basis (Article 6)".into(),
            "Special category condition (Article 9)".into(),
            "Statement (current version)".into(),
        ],
        rows: f
            .purposes
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    lawful_basis(&p.basis).into(),
                    article9(p),
                    format!("{} (version {})", p.statement, p.version),
                ]
            })
            .collect(),
    });
    doc.push(Block::H2("Categories of people".into()));
    doc.push(Block::List(vec![
        "Parent carers who are members, or who sign up to be".into(),
        "Their children and young people (0 to 25) with special educational needs or disabilities"
            .into(),
        "Contacts at affiliated groups and partner organisations".into(),
        "The forum's volunteers and staff who use ForumDesk".into(),
    ]));
    doc.push(Block::H2("Categories of personal data".into()));
    doc.push(Block::List(vec![
        "Name, e-mail address, phone number, postal address and postcode, and the area they live in".into(),
        "Membership: when they joined, renewed, lapsed or left, and why they left if they said".into(),
        "Consent: every yes and no, with the statement version, how it was given and who recorded it".into(),
        "Special category (health and disability): children's year of birth or age band, their needs, provision, school and local authority; equality information — held only with explicit consent".into(),
        "Participation: activities and events they took part in, and roles at affiliated groups".into(),
        "Users: their name, user name and role, and the audit trail of what they did".into(),
    ]));
    doc.push(Block::H2("Recipients".into()));
    doc.push(Block::P(
        "None routinely. The Department for Education and Contact (the national charity) receive only anonymous figures in the forum's grant returns and evidence packs, never names or records. A person's own data goes to them on a subject access request.".into(),
    ));
    doc.push(Block::H2("Transfers outside the UK".into()));
    doc.push(Block::P(
        "None. The data stays on the forum's own computers.".into(),
    ));
    doc.push(Block::H2("Retention".into()));
    doc.push(Block::Table {
        caption: "The retention schedule as set in ForumDesk".into(),
        headers: vec!["What".into(), "How long".into()],
        rows: retention_rows(&f.retention),
    });
    doc.push(Block::P(
        "Nothing is deleted silently: ForumDesk lists what the schedule catches, and an officer approves each erasure or records why it is kept.".into(),
    ));
    doc.push(Block::H2("Security measures (Article 32)".into()));
    doc.push(Block::List(security_list(f)));
    doc
}

fn notice_doc(f: &Facts) -> Vec<Block> {
    let mut doc = vec![
        Block::H1(format!("How {} uses your information", f.forum_name)),
        Block::P(format!(
            "This is a draft privacy notice, made by ForumDesk on {} from the forum's own settings. Check it, add how to contact us, and publish it.",
            validate::long_date(f.generated_on)
        )),
        Block::H2("Who we are".into()),
        Block::P(format!(
            "{} is a parent carer forum: parents and carers of children and young people with special educational needs or disabilities, working with local services to make them better. We decide how your information is used, so we are its \"controller\".",
            f.forum_name
        )),
        Block::H2("What we keep and why".into()),
    ];
    let mut items = Vec::new();
    for p in &f.purposes {
        items.push(format!(
            "{}: we use your information {} What you agree to: \"{}\"",
            p.name,
            basis_in_plain_words(&p.basis),
            p.statement
        ));
    }
    doc.push(Block::List(items));
    doc.push(Block::H2("Information about your child".into()));
    doc.push(Block::P(
        "We only keep information about your child's needs, and equality information, if you clearly say yes. We keep as little as we can: a year of birth or an age band, never your child's name or date of birth. We use it to show whose voices the forum represents. If you withdraw your consent, we delete it.".into(),
    ));
    doc.push(Block::H2("Who we share it with".into()));
    doc.push(Block::P(
        "Nobody, as a rule. We send the Department for Education and Contact only numbers, such as how many members we have in each area, never names. We never sell your information.".into(),
    ));
    doc.push(Block::H2("How long we keep it".into()));
    let r = &f.retention;
    doc.push(Block::List(vec![
        format!(
            "If you leave, or your membership lapses, we delete your details {} later.",
            months(r.left_months)
        ),
        format!(
            "If you sign up but never confirm, we delete your details after {}.",
            months(r.applicant_months)
        ),
        format!(
            "We delete information about your child's needs when they turn {}, or sooner if you ask.",
            r.child_age
        ),
        format!(
            "Our record of who did what in ForumDesk is kept for {}, and holds no personal details.",
            months(r.audit_months)
        ),
    ]));
    doc.push(Block::H2("How we keep it safe".into()));
    doc.push(Block::P(format!(
        "Your information is kept encrypted on the forum's own computers, not in the cloud. Only our volunteers and staff who need it can see it, each with their own password, and what each of them does is recorded. ForumDesk locks itself after {} minute{} without use.",
        f.idle_lock_minutes,
        if f.idle_lock_minutes == 1 { "" } else { "s" }
    )));
    doc.push(Block::H2("Your rights".into()));
    doc.push(Block::List(vec![
        "Ask for a copy of everything we hold about you (we reply within one month).".into(),
        "Ask us to correct anything that is wrong.".into(),
        "Ask us to delete your information, or to stop using it.".into(),
        "Change your mind about anything you agreed to, at any time.".into(),
        "Complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint or 0303 123 1113.".into(),
    ]));
    doc.push(Block::H2("Contact us".into()));
    doc.push(Block::P("[Add the forum's contact details here.]".into()));
    doc
}

/// Markdown with every value escaped, so text from the database cannot add links, images,
/// HTML or table cells.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn to_markdown(doc: &[Block]) -> String {
    let mut out = String::new();
    for block in doc {
        match block {
            Block::H1(t) => {
                let _ = writeln!(out, "# {}\n", md_escape(t));
            }
            Block::H2(t) => {
                let _ = writeln!(out, "## {}\n", md_escape(t));
            }
            Block::P(t) => {
                let _ = writeln!(out, "{}\n", md_escape(t));
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(out, "- {}", md_escape(i));
                }
                out.push('\n');
            }
            Block::Table {
                caption,
                headers,
                rows,
            } => {
                let _ = writeln!(out, "{}:\n", md_escape(caption));
                let h: Vec<String> = headers.iter().map(|h| md_escape(h)).collect();
                let _ = writeln!(out, "| {} |", h.join(" | "));
                let _ = writeln!(out, "|{}", " --- |".repeat(headers.len()));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| md_escape(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;\
color:#0b0c0c;line-height:1.5}h1{font-size:2rem}h2{margin-top:2rem}\
table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}\
caption{text-align:left;font-weight:600;padding:.25rem 0}\
th,td{border:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top}\
@media print{body{margin:0;max-width:none}table,li{break-inside:avoid}}";

fn to_html(doc: &[Block], title: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>",
        escape(title)
    );
    for block in doc {
        match block {
            Block::H1(t) => {
                let _ = write!(out, "<h1>{}</h1>", escape(t));
            }
            Block::H2(t) => {
                let _ = write!(out, "<h2>{}</h2>", escape(t));
            }
            Block::P(t) => {
                let _ = write!(out, "<p>{}</p>", escape(t));
            }
            Block::List(items) => {
                out.push_str("<ul>");
                for i in items {
                    let _ = write!(out, "<li>{}</li>", escape(i));
                }
                out.push_str("</ul>");
            }
            Block::Table {
                caption,
                headers,
                rows,
            } => {
                let _ = write!(
                    out,
                    "<table><caption>{}</caption><thead><tr>",
                    escape(caption)
                );
                for h in headers {
                    let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
                }
                out.push_str("</tr></thead><tbody>");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        if i == 0 {
                            let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
                        } else {
                            let _ = write!(out, "<td>{}</td>", escape(cell));
                        }
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
        }
    }
    out.push_str("</main></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cannot_be_injected() {
        assert_eq!(
            md_escape("[x](http://e) <b>|*_#\nnext"),
            "\\[x\\](http://e) &lt;b&gt;\\|\\*\\_\\# next"
        );
        assert_eq!(months(72), "6 years");
        assert_eq!(months(18), "18 months");
        assert_eq!(months(12), "1 year");
    }
}
