//! The synthetic membership generator: deterministic, the size and duplicate rate asked for,
//! and values an import will accept (UK postcodes, valid phones and e-mails, UK dates).

use std::collections::HashSet;

use forumdesk::synth::{
    generate, to_sheet, SynthMember, SynthOptions, ASSOCIATE, HEADERS, PARENT_CARER, PHONE_COLUMN,
    PRIMARY_NEEDS,
};

fn members(count: usize, seed: u64, duplicate_rate: f64) -> Vec<SynthMember> {
    generate(&SynthOptions {
        members: count,
        seed,
        duplicate_rate,
    })
}

fn share(members: &[SynthMember], test: impl Fn(&SynthMember) -> bool) -> f64 {
    members.iter().filter(|m| test(m)).count() as f64 / members.len() as f64
}

#[test]
fn same_seed_same_members_different_seed_different_members() {
    assert_eq!(members(2_000, 42, 0.03), members(2_000, 42, 0.03));
    assert_ne!(members(2_000, 42, 0.03), members(2_000, 43, 0.03));
}

#[test]
fn gives_the_number_asked_for() {
    for count in [0, 1, 2, 1_234] {
        assert_eq!(members(count, 1, 0.03).len(), count);
    }
    assert_eq!(members(500, 1, 1.0).len(), 500);
    assert_eq!(members(500, 1, f64::NAN).len(), 500);
}

#[test]
fn duplicates_come_at_about_the_rate_asked_for_and_point_at_originals() {
    let all = members(20_000, 7, 0.03);
    let rate = share(&all, |m| m.duplicate_of.is_some());
    assert!((0.025..=0.035).contains(&rate), "duplicate rate {rate}");
    for (i, m) in all.iter().enumerate() {
        let Some(o) = m.duplicate_of else { continue };
        assert!(o < i);
        let original = &all[o];
        assert_eq!(original.duplicate_of, None);
        let differs = m.first_name != original.first_name
            || m.last_name != original.last_name
            || m.email != original.email
            || m.phone != original.phone
            || m.postcode != original.postcode;
        assert!(differs, "row {i} is an exact copy of {o}");
        // Whatever changed, it is still recognisably the same person.
        assert_eq!(
            m.email.as_deref().map(str::to_lowercase),
            original.email.as_deref().map(str::to_lowercase)
        );
        assert_eq!(postcode_key(&m.postcode), postcode_key(&original.postcode));
        assert_eq!(m.address_line1, original.address_line1);
    }
    assert!(members(5_000, 7, 0.0)
        .iter()
        .all(|m| m.duplicate_of.is_none()));
}

#[test]
fn originals_do_not_share_phones_or_emails_except_within_households() {
    let all = members(20_000, 3, 0.0);
    let mut phones = HashSet::new();
    let mut emails = HashSet::new();
    for m in all.iter().filter(|m| m.household_of.is_none()) {
        if let Some(phone) = &m.phone {
            assert!(phones.insert(digits(phone)), "phone {phone} repeated");
        }
        if let Some(email) = &m.email {
            assert!(
                emails.insert(email.to_lowercase()),
                "email {email} repeated"
            );
        }
    }
    assert!(all.iter().any(|m| m.household_of.is_some()));
}

fn postcode_key(postcode: &str) -> String {
    postcode.replace(' ', "").to_uppercase()
}

fn digits(phone: &str) -> String {
    let d: String = phone.chars().filter(char::is_ascii_digit).collect();
    match d.strip_prefix("44") {
        Some(rest) if phone.starts_with('+') => format!("0{rest}"),
        _ => d,
    }
}

/// The UK postcode shape: outward A9, A99, AA9, AA99, A9A or AA9A; inward 9AA without the
/// letters C, I, K, M, O and V. Case and the space vary as people type them.
fn is_uk_postcode(postcode: &str) -> bool {
    let code = postcode_key(postcode);
    let bytes = code.as_bytes();
    if !(5..=7).contains(&bytes.len()) || !code.is_ascii() {
        return false;
    }
    let (outward, inward) = code.split_at(code.len() - 3);
    let inward = inward.as_bytes();
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1..]
            .iter()
            .all(|b| b.is_ascii_uppercase() && !b"CIKMOV".contains(b));
    let o = outward.as_bytes();
    let letters = o.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let rest = &o[letters..];
    let outward_ok = (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest[0].is_ascii_digit()
        && rest.len() <= 2
        && rest[1..].iter().all(u8::is_ascii_alphanumeric);
    let spaced_ok = match postcode.find(' ') {
        None => true,
        Some(at) => at == postcode.len() - 4 && postcode.matches(' ').count() == 1,
    };
    inward_ok && outward_ok && spaced_ok
}

#[test]
fn every_postcode_is_a_uk_postcode() {
    let all = members(10_000, 11, 0.05);
    for m in &all {
        assert!(is_uk_postcode(&m.postcode), "{:?}", m.postcode);
    }
    assert!(!is_uk_postcode("PR1 2CB") && !is_uk_postcode("12 3AB"));
    // Most are written properly, some without the space, as people type them.
    assert!(share(&all, |m| m.postcode.contains(' ')) > 0.85);
    assert!(all.iter().any(|m| !m.postcode.contains(' ')));
}

#[test]
fn phones_and_emails_pass_the_validators_the_import_uses() {
    for m in members(3_000, 5, 0.05) {
        if let Some(phone) = &m.phone {
            let parsed = phonenumber::parse(Some(phonenumber::country::Id::GB), phone)
                .unwrap_or_else(|e| panic!("{phone:?}: {e}"));
            assert!(
                phonenumber::is_valid(&parsed),
                "{phone:?} is not a valid UK number"
            );
        }
        if let Some(email) = &m.email {
            assert!(email_address::EmailAddress::is_valid(email), "{email:?}");
            assert!(email.to_lowercase().contains("example."), "{email:?}");
        }
    }
}

#[test]
fn consent_mix_includes_blanks_and_follows_the_expected_shares() {
    let all = members(20_000, 9, 0.0);
    type Consent = fn(&SynthMember) -> Option<bool>;
    let columns: [(&str, Consent, f64); 6] = [
        ("email", |m| m.consent.email, 0.70),
        ("sms", |m| m.consent.sms, 0.30),
        ("post", |m| m.consent.post, 0.20),
        ("phone", |m| m.consent.phone, 0.25),
        ("surveys", |m| m.consent.surveys, 0.40),
        ("photos", |m| m.consent.photos, 0.15),
    ];
    for (name, get, yes) in columns {
        let blank = share(&all, |m| get(m).is_none());
        let given = share(&all, |m| get(m) == Some(true));
        let refused = share(&all, |m| get(m) == Some(false));
        assert!((0.08..=0.12).contains(&blank), "{name} blank {blank}");
        assert!(
            (yes - 0.02..=yes + 0.02).contains(&given),
            "{name} Y {given}"
        );
        assert!(refused > 0.1, "{name} N {refused}");
    }
}

#[test]
fn names_include_accents_apostrophes_and_hyphens() {
    let all = members(5_000, 13, 0.03);
    let names = || all.iter().flat_map(|m| [&m.first_name, &m.last_name]);
    assert!(names().any(|n| !n.is_ascii()));
    assert!(names().any(|n| n.contains('\'')));
    assert!(names().any(|n| n.contains('-')));
    assert!(all.iter().any(|m| m.preferred_name.is_some()));
}

#[test]
fn membership_and_needs_look_like_a_forum() {
    let all = members(20_000, 17, 0.0);
    let associates = share(&all, |m| m.membership_type == ASSOCIATE);
    assert!(
        (0.05..=0.2).contains(&associates),
        "associates {associates}"
    );
    assert!(all
        .iter()
        .all(|m| m.membership_type == PARENT_CARER || m.membership_type == ASSOCIATE));
    // Associates have no child recorded; needs use SEN2 codes with ASD the most common.
    assert!(all
        .iter()
        .filter(|m| m.membership_type == ASSOCIATE)
        .all(|m| m.primary_need.is_none() && m.child_year_of_birth.is_none()));
    let codes: HashSet<&str> = PRIMARY_NEEDS.iter().map(|(c, _)| *c).collect();
    assert!(all
        .iter()
        .filter_map(|m| m.primary_need)
        .all(|n| codes.contains(n)));
    let count = |code| all.iter().filter(|m| m.primary_need == Some(code)).count();
    assert!(count("ASD") > count("SLCN") && count("SLCN") > count("MSI"));
    for m in &all {
        if let Some(year) = m.child_year_of_birth {
            assert!((2001..=2024).contains(&year));
        }
        let parts: Vec<u32> = m
            .date_joined
            .split('/')
            .map(|p| p.parse().expect("number"))
            .collect();
        assert_eq!(m.date_joined.len(), 10, "{}", m.date_joined);
        assert!((1..=31).contains(&parts[0]) && (1..=12).contains(&parts[1]));
        assert!((2016..=2026).contains(&parts[2]), "{}", m.date_joined);
    }
}

#[test]
fn to_sheet_lays_members_out_like_the_old_spreadsheet() {
    let all = members(300, 21, 0.03);
    let sheet = to_sheet(&all);
    assert_eq!(sheet.headers, HEADERS.map(str::to_owned).to_vec());
    assert_eq!(sheet.headers[PHONE_COLUMN], "Mobile");
    assert_eq!(sheet.phone_columns, vec![PHONE_COLUMN]);
    assert_eq!(sheet.rows.len(), all.len());
    for (row, m) in sheet.rows.iter().zip(&all) {
        assert_eq!(row.len(), HEADERS.len());
        assert_eq!(row[0], m.first_name);
        assert_eq!(row[PHONE_COLUMN], m.phone.clone().unwrap_or_default());
        assert!(["Y", "N", ""].contains(&row[12].as_str()));
    }
    // It writes as CSV and XLSX.
    assert!(forumdesk::export::write_csv(&sheet).len() > 300 * 50);
    assert!(forumdesk::export::write_xlsx(&sheet).is_ok());
}
