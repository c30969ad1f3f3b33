//! Checking and normalising one imported value: UK dates, yes/no consents, phone numbers,
//! e-mail addresses, postcodes and names. Each refusal comes with a reason fit for
//! "row 12, column Date joined: <reason>".

use forumdesk::import::values::{
    email, full_name, name, phone, phone_display, postcode, postcode_district, uk_date, yes_no,
};
use time::macros::date;

fn reason<T: std::fmt::Debug>(result: Result<T, String>) -> String {
    match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err(reason) => {
            assert!(!reason.is_empty());
            reason
        }
    }
}

// ---- dates ----------------------------------------------------------------------------

#[test]
fn uk_dates_in_every_usual_form() {
    let cases = [
        ("05/03/2024", date!(2024 - 03 - 05)),
        ("5/3/2024", date!(2024 - 03 - 05)),
        (" 25/12/2024 ", date!(2024 - 12 - 25)),
        ("25-12-2024", date!(2024 - 12 - 25)),
        ("25.12.2024", date!(2024 - 12 - 25)),
        ("29/02/2024", date!(2024 - 02 - 29)),
        ("3 Mar 2024", date!(2024 - 03 - 03)),
        ("3 March 2024", date!(2024 - 03 - 03)),
        ("3rd March 2024", date!(2024 - 03 - 03)),
        ("21st Sept 2023", date!(2023 - 09 - 21)),
        ("Sunday, 3 March 2024", date!(2024 - 03 - 03)),
        ("03-Mar-24", date!(2024 - 03 - 03)),
        ("3-MAR-2024", date!(2024 - 03 - 03)),
        ("March 3, 2024", date!(2024 - 03 - 03)),
        ("2024-03-05", date!(2024 - 03 - 05)),
        ("2024/03/05", date!(2024 - 03 - 05)),
        ("2024-03-05T14:30:00Z", date!(2024 - 03 - 05)),
        ("2024-03-05 14:30", date!(2024 - 03 - 05)),
        ("05/03/2024 14:30:12", date!(2024 - 03 - 05)),
        ("05/03/2024 2:30 pm", date!(2024 - 03 - 05)),
    ];
    for (text, expected) in cases {
        assert_eq!(uk_date(text), Ok(expected), "{text}");
    }
}

#[test]
fn two_digit_years_pivot_as_excel_does() {
    assert_eq!(uk_date("05/03/24"), Ok(date!(2024 - 03 - 05)));
    assert_eq!(uk_date("05/03/29"), Ok(date!(2029 - 03 - 05)));
    assert_eq!(uk_date("05/03/30"), Ok(date!(1930 - 03 - 05)));
    assert_eq!(uk_date("1/1/99"), Ok(date!(1999 - 01 - 01)));
    assert_eq!(uk_date("1/1/00"), Ok(date!(2000 - 01 - 01)));
}

#[test]
fn excel_serial_numbers_are_dates_only_in_a_plausible_range() {
    assert_eq!(uk_date("45356"), Ok(date!(2024 - 03 - 05)));
    assert_eq!(uk_date("45356.75"), Ok(date!(2024 - 03 - 05)));
    assert_eq!(uk_date("20000"), Ok(date!(1954 - 10 - 03)));
    assert!(uk_date("19999").is_err());
    assert!(uk_date("80000").is_err());
    assert!(uk_date("2024").is_err());
    assert!(uk_date("20240305").is_err());
    assert!(uk_date("1.2.3").is_err());
}

#[test]
fn american_order_and_impossible_dates_are_refused_with_the_reason() {
    let r = reason(uk_date("12/25/2024"));
    assert!(r.contains("month/day/year"), "{r}");
    let r = reason(uk_date("13/25/2024"));
    assert!(r.contains("no month 25"), "{r}");
    let r = reason(uk_date("31/04/2024"));
    assert!(
        r.contains("not a real date") && r.contains("31 April 2024"),
        "{r}"
    );
    let r = reason(uk_date("29/02/2023"));
    assert!(r.contains("29 February 2023"), "{r}");
    let r = reason(uk_date("05/03/1066"));
    assert!(r.contains("1066"), "{r}");
    for text in [
        "",
        "   ",
        "soon",
        "0/1/2024",
        "32/1/2024",
        "5/3",
        "5/3/2024/1",
        "5/3/202",
        "Ma 3 2024",
        "3 Foo 2024",
        "99999999999999999999/1/2024",
        "5/3/2024 teatime",
        "14:30",
        "٣/٣/٢٠٢٤",
    ] {
        assert!(uk_date(text).is_err(), "{text:?} should be refused");
    }
    assert_eq!(reason(uk_date("")), "no date was given");
    let r = reason(uk_date("soon"));
    assert!(
        r.contains("\u{201c}soon\u{201d}") && r.contains("25/12/2024"),
        "{r}"
    );
}

// ---- yes / no -------------------------------------------------------------------------

#[test]
fn yes_no_reads_ticks_and_words() {
    for text in [
        "Y", "y", "Yes", "YES ", "true", "TRUE", "1", "x", "X", "✓", "✔", "Ticked",
    ] {
        assert_eq!(yes_no(text), Ok(Some(true)), "{text}");
    }
    for text in ["N", "no", "No.", "FALSE", "0", "✗"] {
        assert_eq!(yes_no(text), Ok(Some(false)), "{text}");
    }
}

#[test]
fn blank_and_not_known_are_never_consent() {
    for text in [
        "",
        "  ",
        "?",
        "unknown",
        "Not known",
        "N/K",
        "don’t know",
        "n/a",
        "-",
    ] {
        assert_eq!(yes_no(text), Ok(None), "{text:?}");
    }
}

#[test]
fn anything_else_is_refused_rather_than_guessed() {
    for text in ["maybe", "yes please", "2", "no thanks", "ok"] {
        let r = reason(yes_no(text));
        assert!(r.contains("not yes or no"), "{r}");
    }
}

// ---- phone ----------------------------------------------------------------------------

#[test]
fn phone_numbers_are_normalised_to_e164() {
    let cases = [
        ("07700 900123", "+447700900123"),
        ("07700900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("0044 7700 900123", "+447700900123"),
        ("+44 (0)20 7946 0018", "+442079460018"),
        ("(020) 7946 0018", "+442079460018"),
        ("020-7946-0018", "+442079460018"),
        ("01772 123456", "+441772123456"),
        ("+33 1 42 68 53 00", "+33142685300"),
    ];
    for (text, expected) in cases {
        assert_eq!(phone(text).as_deref(), Ok(expected), "{text}");
    }
}

#[test]
fn a_mobile_number_that_lost_its_leading_zero_in_excel_is_still_read() {
    // Excel stores 07700 900123 typed into a number cell as 7700900123.
    assert_eq!(phone("7700900123").as_deref(), Ok("+447700900123"));
}

#[test]
fn invalid_phone_numbers_are_refused() {
    for text in [
        "",
        "123",
        "0770 090",
        "07700 900123 (mobile)",
        "  2 22#:",
        "phone me",
        "+",
        "++44",
        "000000000000000000000000000000000000000000000000",
        "+999 1234 5678",
    ] {
        assert!(phone(text).is_err(), "{text:?} should be refused");
    }
    let r = reason(phone("0770 090"));
    assert!(r.contains("not a valid phone number"), "{r}");
}

#[test]
fn stored_phone_numbers_are_shown_as_people_read_them() {
    let cases = [
        ("+447911123456", "07911 123456"),  // mobile
        ("+442079460000", "020 7946 0000"), // London
        ("+441614960000", "0161 496 0000"), // Manchester
        ("+441772123456", "01772 123456"),  // Preston: a five-digit area code
        ("+448001234567", "0800 123 4567"), // freephone
        ("+447700900123", "07700 900123"),  // a drama number, as the synthetic members have
        ("+33123456789", "+33 1 23 45 67 89"),
        ("+4930123456", "+49 30 123456"),
    ];
    for (stored, shown) in cases {
        assert_eq!(phone_display(stored), shown, "{stored}");
    }
}

#[test]
fn a_shown_phone_number_is_read_back_as_the_stored_one() {
    // The edit form is filled with the shown number; saving it unchanged must not change it.
    for stored in [
        "+447911123456",
        "+442079460000",
        "+441614960000",
        "+448001234567",
        "+33123456789",
    ] {
        assert_eq!(
            phone(&phone_display(stored)).as_deref(),
            Ok(stored),
            "{stored}"
        );
    }
}

#[test]
fn a_stored_phone_number_that_does_not_parse_is_shown_as_stored() {
    for stored in [
        "ring after 6pm",
        "+4407911",
        "+999 1234 5678",
        "0770 090",
        "",
        "0161 496 0000 (work)",
    ] {
        assert_eq!(phone_display(stored), stored, "{stored:?}");
    }
}

// ---- email ----------------------------------------------------------------------------

#[test]
fn email_addresses_are_trimmed_and_their_domain_lower_cased() {
    assert_eq!(
        email("  Jo.Bloggs@Example.ORG ").as_deref(),
        Ok("Jo.Bloggs@example.org")
    );
    assert_eq!(
        email("jo+forum@example.co.uk").as_deref(),
        Ok("jo+forum@example.co.uk")
    );
    assert_eq!(
        email("Jo Bloggs <jo@Example.com>").as_deref(),
        Ok("jo@example.com")
    );
    assert_eq!(
        email("mailto:jo@example.com").as_deref(),
        Ok("jo@example.com")
    );
}

#[test]
fn invalid_email_addresses_are_refused() {
    for text in [
        "",
        "jo",
        "jo@",
        "@example.com",
        "jo@example",
        "jo@@example.com",
        "jo bloggs@example.com",
        "jo@[127.0.0.1]",
        "jo@example.com; sam@example.com",
        "<script>@example.com",
        "Jo <jo@example.com",
        "é@",
    ] {
        assert!(email(text).is_err(), "{text:?} should be refused");
    }
    let r = reason(email("jo@example"));
    assert!(r.contains("not a valid email address"), "{r}");
}

// ---- postcode -------------------------------------------------------------------------

#[test]
fn postcodes_are_normalised_to_capitals_and_one_space() {
    let cases = [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        (" pr1  2he ", "PR1 2HE"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("W1A 0AX", "W1A 0AX"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("gir 0aa", "GIR 0AA"),
        ("BFPO 123", "BFPO 123"),
        ("bfpo12", "BFPO 12"),
    ];
    for (text, expected) in cases {
        assert_eq!(postcode(text).as_deref(), Ok(expected), "{text}");
    }
}

#[test]
fn invalid_postcodes_are_refused() {
    for text in [
        "",
        "SW1A",
        "SW1A 1A",
        "12345",
        "QA1 1AA",  // Q never starts a postcode
        "AI1 1AA",  // I is never second
        "SW1A 1AC", // C is never in the inward code
        "A1 1AAA",
        "SW1A-1AA",
        "BFPO 12345",
        "ＳＷ１Ａ １ＡＡ",
        "<script>",
    ] {
        assert!(postcode(text).is_err(), "{text:?} should be refused");
    }
    let r = reason(postcode("SW1A 1A"));
    assert!(r.contains("not a UK postcode"), "{r}");
}

#[test]
fn the_postcode_district_is_the_outward_code() {
    assert_eq!(postcode_district("SW1A 1AA").as_deref(), Some("SW1A"));
    assert_eq!(postcode_district("pr12he").as_deref(), Some("PR1"));
    assert_eq!(postcode_district("M1 1AE").as_deref(), Some("M1"));
    assert_eq!(postcode_district("BFPO 123"), None);
    assert_eq!(postcode_district("not a postcode"), None);
}

// ---- names ----------------------------------------------------------------------------

#[test]
fn names_are_trimmed_and_their_spacing_collapsed() {
    assert_eq!(
        name("  Mary   Ann\tSmith ").as_deref(),
        Ok("Mary Ann Smith")
    );
    assert_eq!(name("Siân\u{a0}O’Neill").as_deref(), Ok("Siân O’Neill"));
    assert_eq!(name("Jo\r\nBloggs").as_deref(), Ok("Jo Bloggs"));
}

#[test]
fn formula_and_script_looking_names_are_kept_as_typed() {
    for text in [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "<script>alert(1)</script>",
        "+1-2",
        "@SUM(A1)",
        "-Jo",
        "Robert'); DROP TABLE members;--",
    ] {
        assert_eq!(name(text).as_deref(), Ok(text), "{text}");
    }
}

#[test]
fn control_characters_direction_overrides_and_overlong_names_are_refused() {
    assert_eq!(reason(name("")), "no name was given");
    assert!(reason(name("Jo\u{7}Bloggs")).contains("control character"));
    assert!(reason(name("Jo\u{0}")).contains("control character"));
    assert!(reason(name("Jo\u{202e}sggolB")).contains("direction"));
    assert_eq!(name(&"a".repeat(100)).map(|n| n.len()), Ok(100));
    assert!(reason(name(&"a".repeat(101))).contains("longer than 100 characters"));
    // Characters, not bytes: 100 accented letters are fine.
    assert!(name(&"é".repeat(100)).is_ok());
}

#[test]
fn a_full_name_is_split_at_the_last_word() {
    let split = |s: &str| {
        let (first, last) = full_name(s);
        (first, last)
    };
    let owned = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(split("Jo Bloggs"), owned("Jo", "Bloggs"));
    assert_eq!(split("  Mary   Ann  Smith "), owned("Mary Ann", "Smith"));
    assert_eq!(split("Jo"), owned("Jo", ""));
    assert_eq!(split(""), owned("", ""));
    assert_eq!(split("   "), owned("", ""));
    assert_eq!(split("Smith, Jo"), owned("Jo", "Smith"));
    assert_eq!(split("Mrs Jo Smith"), owned("Jo", "Smith"));
    assert_eq!(split("Mrs. Smith"), owned("", "Smith"));
    assert_eq!(
        split("Ludwig van Beethoven"),
        owned("Ludwig", "van Beethoven")
    );
    assert_eq!(split("Ana de la Cruz"), owned("Ana", "de la Cruz"));
    assert_eq!(
        split("Jo-Anne O'Neill-Smith"),
        owned("Jo-Anne", "O'Neill-Smith")
    );
    assert_eq!(split("=cmd <b>x</b>"), owned("=cmd", "<b>x</b>"));
}

#[test]
fn no_value_check_panics_on_hostile_text() {
    let hostile = [
        "\u{0}",
        "\u{feff}",
        "\u{202e}",
        "🙂🙂🙂",
        "a\u{301}\u{301}\u{301}",
        "//////",
        "----",
        "...",
        "+++",
        "(((",
        "@@@",
        "<<<>>>",
        "  2 22#:",
        "003-836-4618x3001",
        "9999-99-99",
        "31/12/9999999999",
        "Mar Mar Mar",
        "1st",
        "T",
        "1234567890T",
        "2024-03-0",
        "é",
        "éééééééééééT",
    ];
    let long = "9".repeat(100_000);
    for text in hostile.iter().copied().chain([long.as_str()]) {
        let _ = uk_date(text);
        let _ = yes_no(text);
        let _ = phone(text);
        let _ = phone_display(text);
        let _ = email(text);
        let _ = postcode(text);
        let _ = postcode_district(text);
        let _ = name(text);
        let _ = full_name(text);
    }
}
