use chrono::{TimeZone, Utc};

use super::*;

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, hour, 0, 0).unwrap()
}

#[test]
fn answering_one_channel_stamps_it_and_leaves_the_others_alone() {
    let first = Consents::default().answered(
        &ConsentsBody {
            sms: Some(true),
            email: Some(false),
            voice: None,
        },
        at(9),
    );
    let later = first.answered(
        &ConsentsBody {
            sms: Some(false),
            ..ConsentsBody::default()
        },
        at(15),
    );
    assert_eq!(
        later.sms,
        Some(Consent {
            given: false,
            at: at(15)
        })
    );
    assert_eq!(
        later.email,
        Some(Consent {
            given: false,
            at: at(9)
        })
    );
    assert_eq!(later.voice, None);
}

#[test]
fn the_same_answer_again_keeps_the_time_it_was_given() {
    let given = Consents::default().answered(
        &ConsentsBody {
            sms: Some(true),
            ..ConsentsBody::default()
        },
        at(9),
    );
    let again = given.answered(
        &ConsentsBody {
            sms: Some(true),
            ..ConsentsBody::default()
        },
        at(15),
    );
    assert_eq!(
        again.sms,
        Some(Consent {
            given: true,
            at: at(9)
        })
    );
}

#[test]
fn stored_form_round_trips_and_bad_entries_read_as_never_asked() {
    let consents = Consents::default().answered(
        &ConsentsBody {
            voice: Some(true),
            ..ConsentsBody::default()
        },
        at(9),
    );
    let stored = consents.to_stored();
    assert_eq!(stored.as_object().unwrap().len(), 1);
    assert_eq!(Consents::from_stored(&stored), consents);
    let odd = serde_json::json!({"sms": "yes", "email": {"given": true}});
    assert_eq!(Consents::from_stored(&odd), Consents::default());
}

#[test]
fn withdrawing_all_stamps_only_the_channels_that_change() {
    let consents = Consents::default().answered(
        &ConsentsBody {
            sms: Some(true),
            email: Some(false),
            voice: None,
        },
        at(9),
    );
    let withdrawn = consents.withdrawn(at(15));
    assert_eq!(
        withdrawn.sms,
        Some(Consent {
            given: false,
            at: at(15)
        })
    );
    assert_eq!(
        withdrawn.email,
        Some(Consent {
            given: false,
            at: at(9)
        })
    );
    assert_eq!(
        withdrawn.voice,
        Some(Consent {
            given: false,
            at: at(15)
        })
    );
}
