//! Tests of `find_dates`: one or more per form the module claims, on
//! sentences written for these tests, plus numbers that must not be dates
//! and inputs that must not break it.

use super::*;

/// Runs `find_dates` and renders `text=value` pairs.
fn check(text: &str, anchor: Option<(i32, u32, u32)>) -> Vec<String> {
    let a = anchor.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    find_dates(text, a).iter().map(|d| format!("{}={}", d.span.slice(text), d.value)).collect()
}

fn at(text: &str, y: i32, m: u32, d: u32) -> Vec<String> {
    check(text, Some((y, m, d)))
}

// 2010-08-26 is a Thursday.
const A: (i32, u32, u32) = (2010, 8, 26);

fn a(text: &str) -> Vec<String> {
    check(text, Some(A))
}

#[test]
fn absolute_month_day_year() {
    assert_eq!(a("The treaty was signed on November 21, 2007 in Oslo."), ["November 21, 2007=2007-11-21"]);
    assert_eq!(a("It was signed Nov. 21, 2007."), ["Nov. 21, 2007=2007-11-21"]);
    assert_eq!(a("Signed Nov 21 2007, ratified later."), ["Nov 21 2007=2007-11-21"]);
    assert_eq!(a("Friday, July 21, 2017\n\nThe team won."), ["Friday, July 21, 2017=2017-07-21"]);
}

#[test]
fn absolute_day_month_year() {
    assert_eq!(a("Polls closed on 21 Nov 2007 at noon."), ["21 Nov 2007=2007-11-21"]);
    assert_eq!(a("Founded 3rd of March 1999 in Riga."), ["3rd of March 1999=1999-03-03"]);
    assert_eq!(a("Tuesday 5 October 2004: the court sat."), ["Tuesday 5 October 2004=2004-10-05"]);
}

#[test]
fn numeric_dates() {
    assert_eq!(a("Izvestia, 19.08.2010."), ["19.08.2010=2010-08-19"]);
    assert_eq!(a("Filed 2007-11-21 by the clerk."), ["2007-11-21=2007-11-21"]);
    assert_eq!(
        a("Dated 21/11/2007 and 11/21/2007 and 03/04/2007."),
        ["21/11/2007=2007-11-21", "11/21/2007=2007-11-21", "03/04/2007=2007-03-04"]
    );
    assert_eq!(a("The form 31.02.2010 is no date."), Vec::<String>::new());
}

#[test]
fn month_day_without_year_takes_the_anchor_year() {
    assert_eq!(a("The commission chief said on August 23 that work began."), ["August 23=2010-08-23"]);
    assert_eq!(a("Voting starts Nov 21, observers said."), ["Nov 21=2010-11-21"]);
    // Near the turn of a year the nearest year wins.
    assert_eq!(at("The crash on December 28 killed four.", 2010, 1, 4), ["December 28=2009-12-28"]);
    assert_eq!(at("Results are due on January 3.", 2009, 12, 20), ["January 3=2010-01-03"]);
    // Without an anchor the value stays partial, never invented.
    assert_eq!(check("He said on August 23 it was over.", None), ["August 23=--08-23"]);
}

#[test]
fn month_alone_and_with_modifier() {
    assert_eq!(a("The report would be ready in December."), ["December=2010-12"]);
    assert_eq!(at("In early March, the president refused.", 2023, 5, 2), ["early March=2023-03"]);
    assert_eq!(at("Troops left in mid-May.", 2023, 7, 2), ["mid-May=2023-05"]);
    // A past clause early in the year points to last year's month.
    assert_eq!(at("In November, the council voted to close it.", 2011, 1, 15), ["November=2010-11"]);
    assert_eq!(at("The talks collapsed in March, he said.", 2011, 1, 15), ["March=2010-03"]);
}

#[test]
fn month_and_year() {
    assert_eq!(a("The June, 2010 clashes in the south left hundreds dead."), ["June, 2010=2010-06"]);
    assert_eq!(a("He resigned in November 2008."), ["November 2008=2008-11"]);
    assert_eq!(a("By late March of 2004 it was over."), ["late March of 2004=2004-03"]);
}

#[test]
fn weekdays_past_and_future() {
    assert_eq!(a("The envoy said on Wednesday that talks stalled."), ["Wednesday=2010-08-25"]);
    assert_eq!(
        a("The bloc will send its secretary general to the capital on Friday."),
        ["Friday=2010-08-27"]
    );
    assert_eq!(a("On Monday, the delegation is to travel north."), ["Monday=2010-08-30"]);
    assert_eq!(a("Officials met on Thursday."), ["Thursday=2010-08-26"]);
    assert_eq!(a("Shelling began Tuesday afternoon."), ["Tuesday afternoon=2010-08-24"]);
    assert_eq!(
        a("She left last Friday and returns next Monday."),
        ["last Friday=2010-08-20", "next Monday=2010-08-30"]
    );
    // No anchor: a weekday cannot be placed, so it is left out.
    assert_eq!(check("They met on Friday.", None), Vec::<String>::new());
}

#[test]
fn weekday_names_that_are_not_dates() {
    assert_eq!(
        a("The Sunday Times reported it. Good Friday is a holiday. We meet every Monday."),
        Vec::<String>::new()
    );
}

#[test]
fn today_yesterday_tomorrow() {
    assert_eq!(a("An official said today that police may be needed."), ["today=2010-08-26"]);
    assert_eq!(a("Yesterday, rebels took the airport."), ["Yesterday=2010-08-25"]);
    assert_eq!(a("A vote is expected tomorrow morning."), ["tomorrow morning=2010-08-27"]);
    assert_eq!(
        a("Fighting resumed last night, and earlier today the army withdrew."),
        ["last night=2010-08-25", "earlier today=2010-08-26"]
    );
    assert_eq!(check("Today the mood is calm.", None), Vec::<String>::new());
}

#[test]
fn relative_weeks_months_years() {
    assert_eq!(a("Talks resume next week."), ["next week=2010-08-30/2010-09-05"]);
    assert_eq!(a("Prices fell last week."), ["last week=2010-08-16/2010-08-22"]);
    assert_eq!(
        a("Inflation rose this month and will fall next year."),
        ["this month=2010-08", "next year=2011"]
    );
    assert_eq!(a("It happened last year, and last month too."), ["last year=2009", "last month=2010-07"]);
    assert_eq!(
        a("The dam broke two years ago; the rebuild began 3 days ago."),
        ["two years ago=2008", "3 days ago=2010-08-23"]
    );
    assert_eq!(a("A decade ago the town had no road."), ["A decade ago=2000"]);
    assert_eq!(
        a("Fans gathered this weekend for the festival, which ended Sunday."),
        ["this weekend=2010-08-21/2010-08-22", "Sunday=2010-08-22"]
    );
    assert_eq!(a("The ban will start this weekend."), ["this weekend=2010-08-28/2010-08-29"]);
    assert_eq!(a("Floods hit the region last summer."), ["last summer=2009-06/2009-08"]);
}

#[test]
fn relative_words_used_as_durations_are_not_dates() {
    assert_eq!(a("Over the past week and the last year, prices rose."), Vec::<String>::new());
}

#[test]
fn years_and_decades() {
    assert_eq!(a("Kosovo declared independence in 2008."), ["2008=2008"]);
    assert_eq!(
        a("Tensions recalled the conflicts of the 1990s and the '80s."),
        ["1990s=1990/1999", "'80s=1980/1989"]
    );
    assert_eq!(a("The 2014 protests changed the city."), ["2014=2014"]);
    assert_eq!(a("Copyright © Some Foundation, 2010"), ["2010=2010"]);
    assert_eq!(a("Growth slowed in the late 2000s."), ["late 2000s=2000/2009"]);
    assert_eq!(a("It was built in summer 2012."), ["summer 2012=2012-06/2012-08"]);
}

#[test]
fn ranges() {
    assert_eq!(
        a("The inquiry would last throughout September-November."),
        ["September-November=2010-09/2010-11"]
    );
    assert_eq!(
        a("He served as ambassador in 1988-1992 and again in 2001–05."),
        ["1988-1992=1988/1992", "2001–05=2001/2005"]
    );
    assert_eq!(a("Prices rose between 2006 and 2008."), ["between 2006 and 2008=2006/2008"]);
    assert_eq!(
        at("Voting will run from November 20 to December 11.", 2015, 5, 7),
        ["from November 20 to December 11=2015-11-20/2015-12-11"]
    );
    assert_eq!(a("The summit is set for August 23-25, 2011."), ["August 23-25, 2011=2011-08-23/2011-08-25"]);
    assert_eq!(a("The fair runs 3-5 June 2012."), ["3-5 June 2012=2012-06-03/2012-06-05"]);
    // A range over the new year.
    assert_eq!(
        a("Held from December 20, 2010 to January 5, 2011."),
        ["from December 20, 2010 to January 5, 2011=2010-12-20/2011-01-05"]
    );
}

#[test]
fn numbers_that_are_not_dates() {
    let none = Vec::<String>::new();
    assert_eq!(a("The mission had 1,400 international representatives and 1,500 locals."), none);
    assert_eq!(a("Under Resolution 1244 the province is administered by the UN."), none);
    assert_eq!(a("Security Council Resolution 1973 was adopted."), none);
    assert_eq!(a("The ticket cost $2010 and the fine €1999."), none);
    assert_eq!(a("Officials counted 2010 people at the rally."), none);
    assert_eq!(a("Call +1 202 555 2010 or 555-1998 for details."), none);
    assert_eq!(a("The meeting is at 3:45 and ends at 12:30."), none);
    assert_eq!(a("See section 2001 and § 1983 of the code, and No. 1995."), none);
    assert_eq!(a("The figure rose to 1999.5 tonnes, or 2,010 in total."), none);
    assert_eq!(a("Room 1408 and Flight 1549 and about 1800 soldiers."), none);
    assert_eq!(a("The report ran from ten to 32 pages with 40 to 50 questions."), none);
    assert_eq!(a("It may rain; they march in protest; may I ask?"), none);
    assert_eq!(a("June Carter and April Smith sang."), none);
    assert_eq!(a("Turnout was 58% and 2014 votes were spoilt."), none);
}

#[test]
fn messy_input_never_panics() {
    for t in [
        "",
        " ",
        "2010",
        "May",
        "'",
        "-",
        "31.",
        "from",
        "between 2010 and",
        "August 23-",
        "99999999999999999999 years ago",
        "12/12/",
        "Račak — “Vučić” 🙂 said on Friday, 19.08.2010",
        "\u{feff}\u{200b}Nov\u{a0}21,\u{a0}2007",
        "the 1990s' 00s '00s 2190s",
    ] {
        for anchor in [None, Some((2010, 8, 26)), Some((1, 1, 1)), Some((262_000, 12, 31))] {
            let found = check(t, anchor);
            let _ = found;
        }
        let ds = find_dates(t, None);
        for w in ds.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
        for d in &ds {
            assert!(t.is_char_boundary(d.span.start) && t.is_char_boundary(d.span.end));
        }
    }
}

#[test]
fn output_is_in_text_order_and_non_overlapping() {
    let t = "On Friday, July 21, 2017, between 2006 and 2008, last week, in 1990s and May 5.";
    let ds = find_dates(t, NaiveDate::from_ymd_opt(2017, 7, 21));
    assert!(ds.len() >= 4);
    for w in ds.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{ds:?}");
    }
}

#[test]
fn anchor_parsing() {
    assert_eq!(parse_anchor("2010-08-26"), NaiveDate::from_ymd_opt(2010, 8, 26));
    assert_eq!(parse_anchor("2010-08-26T10:00:00Z"), NaiveDate::from_ymd_opt(2010, 8, 26));
    assert_eq!(parse_anchor("2010-8-26"), None);
    assert_eq!(parse_anchor("yesterday"), None);
    assert_eq!(parse_anchor("2010-02-30"), None);
}

#[test]
fn names_ending_in_ed_are_not_past_tense_cues() {
    // 2010-08-26 is a Thursday: the delegation travels next Monday.
    assert_eq!(a("On Monday, Ahmed and his team are to travel north."), ["Monday=2010-08-30"]);
}

#[test]
fn a_weekday_that_contradicts_the_date_stays_out_of_the_span() {
    // 2008-08-16 was a Saturday; "Sun" here names a newspaper.
    assert_eq!(a("Toronto Sun, August 16, 2008"), ["August 16, 2008=2008-08-16"]);
    assert_eq!(a("Sat, 16 Aug 2008 10:00"), ["Sat, 16 Aug 2008=2008-08-16"]);
}

#[test]
fn more_ranges_and_modifiers() {
    assert_eq!(
        a("The show runs January 23 - March 9 2011 downtown."),
        ["January 23 - March 9 2011=2011-01-23/2011-03-09"]
    );
    assert_eq!(a("Since mid-2009, tensions have grown."), ["mid-2009=2009"]);
    assert_eq!(a("A survey of 1709 pupils found gaps."), Vec::<String>::new());
    assert_eq!(a("They came back the next Tuesday."), Vec::<String>::new());
}

#[test]
fn names_and_idioms_that_look_like_dates() {
    assert_eq!(a("She told USA TODAY and NBC's Today show that it was fine."), Vec::<String>::new());
    assert_eq!(a("Today the mood is calm."), ["Today=2010-08-26"]);
    assert_eq!(a("Help will come after Sept.11 from abroad."), ["Sept.11=2010-09-11"]);
}

#[test]
fn tense_cues_that_mislead() {
    // "due to" is a cause, not a schedule; "since" looks back.
    assert_eq!(
        at("The speech was cancelled due to the flood on June 12.", 2016, 6, 21),
        ["June 12=2016-06-12"]
    );
    assert_eq!(at("Problems have arisen since December, critics say.", 2016, 4, 23), ["December=2015-12"]);
    // A date modifying a noun: the verb of the clause says nothing about it.
    assert_eq!(at("He wanted to sway the Nov. 8 election.", 2016, 7, 31), ["Nov. 8=2016-11-08"]);
    // Seasons: "this summer" in May is the coming one.
    assert_eq!(at("He promised a fight this summer.", 2016, 5, 5), ["this summer=2016-06/2016-08"]);
}

#[test]
fn passive_participles_are_not_past_cues() {
    assert_eq!(
        at("Voters could be persuaded before April 26, when the primary is held.", 2016, 4, 6),
        ["April 26=2016-04-26"]
    );
}

#[test]
fn pseudo_random_fragments_never_break_invariants() {
    // A fixed linear congruential generator strings together date-like
    // fragments, digits, punctuation and odd Unicode; every output must
    // lie on char boundaries, in order, without overlap.
    const PARTS: &[&str] = &[
        "May",
        "March",
        "Nov.",
        "21",
        "2010",
        "1990s",
        "'80s",
        "-",
        "–",
        "/",
        ".",
        ",",
        " ",
        "\n",
        "\n\n",
        "on",
        "last",
        "next",
        "this",
        "week",
        "Friday",
        "yesterday",
        "ago",
        "two",
        "years",
        "between",
        "and",
        "from",
        "to",
        "mid",
        "early",
        "st",
        "of",
        "$",
        "#",
        "%",
        "é",
        "🙂",
        "“",
        "’s",
        "9",
        "31",
        "02",
        "29",
        "Sept",
        "summer",
        "weekend",
        "night",
        "the",
        "Today",
        "\u{0}",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..400 {
        let mut text = String::new();
        for _ in 0..(round % 40) {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            text.push_str(PARTS[(state >> 33) as usize % PARTS.len()]);
            if state & 1 == 0 {
                text.push(' ');
            }
        }
        for anchor in [None, NaiveDate::from_ymd_opt(2016, 2, 29), NaiveDate::from_ymd_opt(1, 1, 1)] {
            let ds = find_dates(&text, anchor);
            for d in &ds {
                assert!(d.span.start < d.span.end && d.span.end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
                assert!(!d.value.is_empty());
            }
            for w in ds.windows(2) {
                assert!(w[0].span.end <= w[1].span.start, "{text:?}");
            }
            let _ = dateline_date(&text);
        }
    }
}

#[test]
fn a_past_time_the_text_has_set_places_yearless_dates() {
    // A retrospective published in March 2012 about the winter of 2010.
    let t = "In December 2010 the river burst its banks.\n\nOn December 27, the mayor said it was the worst flood in memory. In January the water fell.";
    assert_eq!(at(t, 2012, 3, 10), ["December 2010=2010-12", "December 27=2010-12-27", "January=2011-01"]);
    // Back to the present: a relative word ends the story's time.
    let t = "In December 2010 the river burst its banks. Yesterday the mayor spoke. A new wall will open on December 27.";
    assert_eq!(
        at(t, 2012, 3, 10),
        ["December 2010=2010-12", "Yesterday=2012-03-09", "December 27=2012-12-27"]
    );
    // A background year is no time of the story.
    let t = "The storm was the worst since 1998. On March 5, the council met.";
    assert_eq!(at(t, 2012, 3, 10), ["1998=1998", "March 5=2012-03-05"]);
    // A sentence opening with a past year sets it, within the paragraph.
    let t =
        "In 2009, the plant closed. On June 4, its owner sold the site.\n\nOn June 4, the new plant opens.";
    assert_eq!(at(t, 2012, 3, 10), ["2009=2009", "June 4=2009-06-04", "June 4=2012-06-04"]);
}

#[test]
fn a_relative_day_restated_by_a_date_is_that_date() {
    // The article is dated the day before the evening it speaks of.
    assert_eq!(
        at("Doors open tonight – Dec. 30 – at eight.", 2024, 12, 29),
        ["tonight – Dec. 30=2024-12-30"]
    );
    assert_eq!(at("The vote is today (March 3).", 2024, 3, 2), ["today (March 3=2024-03-03"]);
    // Two dates apart stay two.
    assert_eq!(
        at("Today, and on March 9, the hall is shut.", 2024, 3, 2),
        ["Today=2024-03-02", "March 9=2024-03-09"]
    );
}

#[test]
fn a_fronted_date_is_placed_by_the_report_it_opens() {
    // 2015-08-21 is a Friday: "On Monday" is the Monday before, although
    // the reported clause looks ahead.
    assert_eq!(at("On Monday, the mayor said the bridge would reopen.", 2015, 8, 21), ["Monday=2015-08-17"]);
    // Not fronted: the clause's own tense decides as before.
    assert_eq!(at("The bridge will reopen on Monday, the mayor said.", 2015, 8, 21), ["Monday=2015-08-24"]);
}
