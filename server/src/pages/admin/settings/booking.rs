//! GET/POST /admin/settings: the booking rules (time zone, slot interval,
//! notice, window, cancellation notice, reminder lead, email
//! confirmation), changed through the same operation as PATCH
//! /api/v1/booking-settings.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::settings::{self, BookingSettings, SettingsChanges, SettingsPatch};
use bookings::Schedules;
use kernel::error::{AppError, FieldError};

use super::super::admin_or_answer;
use super::super::nav::{self, NavLink, Section};
use super::{after_save, Input};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Feedback, Form, Notice, Page, PageResult};

/// The whole-minute settings, in the form's order, with the bounds the
/// operation enforces (repeated as `min`/`max` so a browser can help; the
/// operation stays the judge).
const NUMBERS: [Bounds; 5] = [
    ("slot_interval_minutes", 5, 240),
    ("min_notice_minutes", 0, 525_600),
    ("booking_window_days", 1, 730),
    ("cancellation_notice_minutes", 0, 525_600),
    ("reminder_lead_minutes", 0, 43_200),
];
/// Shown beside the email-confirmation box it belongs to.
const CONFIRMATION_MINUTES: Bounds = ("email_confirmation_minutes", 5, 1440);

type Bounds = (&'static str, i32, i32);

pub struct Zone {
    pub name: &'static str,
    pub selected: bool,
}

pub struct NumberInput {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub min: i32,
    pub max: i32,
    pub input: Input,
}

#[derive(Template)]
#[template(path = "admin/settings/booking.html")]
struct SettingsPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    csrf_token: String,
    notice: Option<Notice>,
    time_zone: Input,
    zones: Vec<Zone>,
    /// A posted zone that is not in the list, shown as typed.
    other_zone: Option<String>,
    numbers: Vec<NumberInput>,
    require_email_confirmation: bool,
    /// Shown with the confirmation box it belongs to.
    confirmation_minutes: NumberInput,
}

/// The values a form shows: the stored settings, or what was posted.
struct Values {
    time_zone: String,
    numbers: Vec<String>,
    require_email_confirmation: bool,
    confirmation_minutes: String,
}

impl Values {
    fn stored(s: &BookingSettings) -> Values {
        Values {
            time_zone: s.time_zone.clone(),
            numbers: [
                s.slot_interval_minutes,
                s.min_notice_minutes,
                s.booking_window_days,
                s.cancellation_notice_minutes,
                s.reminder_lead_minutes,
            ]
            .iter()
            .map(i32::to_string)
            .collect(),
            require_email_confirmation: s.require_email_confirmation,
            confirmation_minutes: s.email_confirmation_minutes.to_string(),
        }
    }

    fn posted(f: &Form) -> Values {
        Values {
            time_zone: f.raw("time_zone"),
            numbers: NUMBERS.iter().map(|(name, _, _)| f.raw(name)).collect(),
            require_email_confirmation: f.checked("require_email_confirmation"),
            confirmation_minutes: f.raw(CONFIRMATION_MINUTES.0),
        }
    }
}

fn number_input(p: &Page, fb: &Feedback, (name, min, max): Bounds, value: String) -> NumberInput {
    NumberInput {
        name,
        label: p.t(&format!("admin-settings-label-{name}")),
        hint: p.t2(
            "admin-settings-range",
            ("min", &p.fmt.number(i64::from(min))),
            ("max", &p.fmt.number(i64::from(max))),
        ),
        min,
        max,
        input: Input::of(p, fb, name, value),
    }
}

fn page<'a>(p: &'a Page, v: Values, fb: Feedback) -> SettingsPage<'a> {
    let zones: Vec<Zone> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| Zone {
            name: tz.name(),
            selected: tz.name() == v.time_zone,
        })
        .collect();
    let other_zone = (!zones.iter().any(|z| z.selected)).then(|| v.time_zone.clone());
    let numbers = NUMBERS
        .iter()
        .zip(v.numbers)
        .map(|(bounds, value)| number_input(p, &fb, *bounds, value))
        .collect();
    let confirmation_minutes = number_input(p, &fb, CONFIRMATION_MINUTES, v.confirmation_minutes);
    SettingsPage {
        p,
        nav: nav::links(p, Section::Settings),
        csrf_token: p.csrf_token(),
        time_zone: Input::of(p, &fb, "time_zone", v.time_zone),
        zones,
        other_zone,
        numbers,
        require_email_confirmation: v.require_email_confirmation,
        confirmation_minutes,
        notice: fb.notice,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let stored = tenant
        .run(&p.state, settings::get)
        .await
        .map_err(|e| p.fail(e))?;
    let fb = after_save(&p, &req);
    p.render(&page(&p, Values::stored(&stored), fb))
}

/// The form's text as the API's patch: a number field that is not a
/// whole number is refused here (every such field at once), the rest is
/// the operation's to judge.
fn patch(f: &Form) -> Result<SettingsPatch, AppError> {
    let mut bad = Vec::new();
    let mut number = |name: &str| match f.get(name).map(str::parse::<i32>) {
        Some(Ok(n)) => Some(n),
        _ => {
            bad.push(FieldError {
                field: name.to_string(),
                message: "must be a whole number".into(),
            });
            None
        }
    };
    let patch = SettingsPatch {
        time_zone: Some(f.raw("time_zone")),
        slot_interval_minutes: number("slot_interval_minutes"),
        min_notice_minutes: number("min_notice_minutes"),
        booking_window_days: number("booking_window_days"),
        cancellation_notice_minutes: number("cancellation_notice_minutes"),
        reminder_lead_minutes: number("reminder_lead_minutes"),
        require_email_confirmation: Some(f.checked("require_email_confirmation")),
        email_confirmation_minutes: number("email_confirmation_minutes"),
    };
    if bad.is_empty() {
        return Ok(patch);
    }
    let mut e = AppError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
        "Some settings are not whole numbers.",
    );
    e.errors = bad;
    Err(e)
}

pub async fn save(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let schedules = Schedules::new(p.state.schedules.clone(), tenant.id);
    let done = match patch(&f).and_then(|b| SettingsChanges::parse(b).map_err(AppError::from)) {
        Ok(changes) => {
            tenant
                .run(&p.state, move |conn| {
                    settings::update(conn, &schedules, &changes).map_err(AppError::from)
                })
                .await
        }
        Err(e) => Err(e),
    };
    match done {
        Ok(_) => Ok(p.see_other("/admin/settings?saved=1")),
        Err(e) => {
            let (status, fb) = p.refusal(e)?;
            p.render_status(status, &page(&p, Values::posted(&f), fb))
        }
    }
}
