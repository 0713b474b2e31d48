//! Dates, weekdays, times and amounts as each language writes them, from
//! ICU4X and its compiled CLDR data (Arabic gets Arabic weekday names and
//! Arabic-Indic digits, Persian the Solar Hijri calendar and Persian
//! digits). Formatters are built once per worker thread and language:
//! building one costs far more than using it.
//!
//! Only displayed text is localised: a date that is a form's value
//! (`<input type=date>`, a link's `?date=`) stays ISO Gregorian in every
//! language, written by chrono, never by these formatters.

use std::cell::OnceCell;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use icu_calendar::cal::Persian;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets;
use icu_datetime::input::Time;
use icu_datetime::{
    DateTimeFormatter, DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter,
};
use icu_decimal::input::Decimal;
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale_core::Locale;

use super::i18n;
use super::locale::Lang;

/// The date formatters take a Gregorian date and write it in the
/// language's calendar.
struct Formatters {
    weekday: DateTimeFormatter<fieldsets::E>,
    day_month: DateTimeFormatter<fieldsets::MD>,
    date: DateTimeFormatter<fieldsets::YMD>,
    full_date: DateTimeFormatter<fieldsets::YMDE>,
    time: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::T>,
    decimal: DecimalFormatter,
}

fn locale(lang: Lang) -> Locale {
    // Recent CLDR gives plain `ar` Latin digits; the sites write Arabic
    // with Arabic-Indic ones (the `arab` numbering system CLDR also has).
    // Plain `fa` already defaults to Persian digits (`arabext`).
    let tag = match lang {
        Lang::Ar => "ar-u-nu-arab",
        other => other.code(),
    };
    // Valid BCP 47 tags; und never happens.
    tag.parse().unwrap_or(Locale::UNKNOWN)
}

/// A date formatter in the language's calendar. Persian is written in the
/// Solar Hijri calendar, the one Iranian readers live by (۱۱ خرداد ۱۴۰۶,
/// not 1 June 2027): a Gregorian date in Persian words reads as foreign.
/// Arabic keeps the Gregorian calendar, by which the Arab countries the
/// sites serve date civil life. Each formatter links the data of its own
/// calendar only, not of every calendar ICU4X knows.
macro_rules! in_calendar {
    ($lang:expr, $prefs:expr, $fields:expr) => {
        match $lang {
            Lang::Fa => FixedCalendarDateTimeFormatter::<Persian, _>::try_new($prefs, $fields)
                .map(|f| f.into_formatter(Persian)),
            _ => FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new($prefs, $fields)
                .map(|f| f.into_formatter(Gregorian)),
        }
        .map_err(|e| e.to_string())
    };
}

fn build(lang: Lang) -> Option<Formatters> {
    let loc = locale(lang);
    let dt = DateTimeFormatterPreferences::from(&loc);
    let build = || -> Result<Formatters, String> {
        Ok(Formatters {
            weekday: in_calendar!(lang, dt, fieldsets::E::short())?,
            day_month: in_calendar!(lang, dt, fieldsets::MD::medium())?,
            date: in_calendar!(lang, dt, fieldsets::YMD::medium())?,
            full_date: in_calendar!(lang, dt, fieldsets::YMDE::long())?,
            time: FixedCalendarDateTimeFormatter::try_new(dt, fieldsets::T::hm())
                .map_err(|e| e.to_string())?,
            decimal: DecimalFormatter::try_new(
                DecimalFormatterPreferences::from(&loc),
                Default::default(),
            )
            .map_err(|e| e.to_string())?,
        })
    };
    build()
        .map_err(|e| tracing::error!(lang = lang.code(), error = %e, "no locale data"))
        .ok()
}

thread_local! {
    static FORMATTERS: [OnceCell<Option<Rc<Formatters>>>; Lang::ALL.len()] = const {
        [const { OnceCell::new() }; Lang::ALL.len()]
    };
}

fn formatters(lang: Lang) -> Option<Rc<Formatters>> {
    FORMATTERS.with(|cells| {
        cells[lang.index()]
            .get_or_init(|| build(lang).map(Rc::new))
            .clone()
    })
}

fn icu_date(d: NaiveDate) -> Option<Date<Gregorian>> {
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    Date::try_new_gregorian(d.year(), month, day).ok()
}

fn icu_time(t: NaiveTime) -> Option<Time> {
    let hour = u8::try_from(t.hour()).ok()?;
    let minute = u8::try_from(t.minute()).ok()?;
    Time::try_new(hour, minute, 0, 0).ok()
}

/// Formats in `lang` for the pages; where the data is missing (never with
/// compiled data) the ISO form stands in, so a page still renders.
#[derive(Debug, Clone, Copy)]
pub struct Formats(pub Lang);

impl Formats {
    fn date_with(
        &self,
        d: NaiveDate,
        pick: impl Fn(&Formatters, &Date<Gregorian>) -> String,
    ) -> String {
        match (formatters(self.0), icu_date(d)) {
            (Some(f), Some(date)) => pick(&f, &date),
            _ => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// "Tue", "mar.", "الثلاثاء", "سه‌شنبه".
    pub fn weekday(&self, d: NaiveDate) -> String {
        self.date_with(d, |f, date| f.weekday.format(date).to_string())
    }

    /// "Jun 1", "1 juin", "١ يونيو", "۱۱ خرداد".
    pub fn day_month(&self, d: NaiveDate) -> String {
        self.date_with(d, |f, date| f.day_month.format(date).to_string())
    }

    /// "Jun 1, 2027", "1 juin 2027", "۱۱ خرداد ۱۴۰۶": a day with its year,
    /// without the weekday (a report's week or month, in a table).
    pub fn date(&self, d: NaiveDate) -> String {
        self.date_with(d, |f, date| f.date.format(date).to_string())
    }

    /// "Tuesday, June 1, 2027".
    pub fn full_date(&self, d: NaiveDate) -> String {
        self.date_with(d, |f, date| f.full_date.format(date).to_string())
    }

    /// "9:30 AM", "09:30", "٩:٣٠ ص".
    pub fn time(&self, t: NaiveTime) -> String {
        match (formatters(self.0), icu_time(t)) {
            (Some(f), Some(time)) => f.time.format(&time).to_string(),
            _ => t.format("%H:%M").to_string(),
        }
    }

    /// A whole number: "45", "٤٥", "۴۵".
    pub fn number(&self, n: i64) -> String {
        match formatters(self.0) {
            Some(f) => f.decimal.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    }

    /// An amount in minor units (cents) with its ISO 4217 code, the number
    /// as the language writes it: "25.00 EUR", "25,00 EUR", "٢٥٫٠٠ EUR",
    /// "۲۵٫۰۰ EUR".
    pub fn price(&self, minor: i64, currency: &str) -> String {
        let amount = match formatters(self.0) {
            Some(f) => {
                let mut d = Decimal::from(minor);
                d.multiply_pow10(-2);
                d.absolute.pad_end(-2);
                f.decimal.format(&d).to_string()
            }
            None => format!("{}.{:02}", minor / 100, (minor % 100).abs()),
        };
        i18n::message_with(
            self.0,
            "price",
            &[("amount", amount.as_str()), ("currency", currency)],
        )
    }
}

#[cfg(test)]
#[path = "format_test.rs"]
mod tests;
