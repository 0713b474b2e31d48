//! GET /admin/reports: the clinic's figures per week or month (the plan
//! feature `reports`, as the API's GET /clinic/reports): a bar chart of
//! the visits drawn on the server, a table with every figure per period,
//! and the no-show rate of each staff member over the same days.
//!
//! A GET form picks the period, the days and a staff member; it is read
//! by the API's own query parsing, so what the API refuses the page
//! refuses too, with a notice beside the form instead of a problem
//! document. Aggregates reach no one's record: no access row.

use actix_web::http::StatusCode;
use actix_web::HttpRequest;
use askama::Template;
use bookings::settings;
use chrono::{Datelike, Duration, Months, NaiveDate, Utc};
use clinics::reports::{self, NoShowQuery, NoShows, Report, ReportError, ReportQuery, MAX_DAYS};
use diesel::PgConnection;
use kernel::error::AppError;

use super::super::nav::{self, NavLink, Section};
use super::super::{names, staff_or_answer};
use super::bar_chart::{self, Chart};
use super::param;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};

/// How many weeks or months the page shows when no first day is given.
const DEFAULT_PERIODS: u32 = 12;

/// The form as typed (blank when absent).
#[derive(Clone)]
struct Asked {
    period: String,
    from: String,
    to: String,
    staff_id: String,
}

impl Asked {
    fn of(req: &HttpRequest) -> Asked {
        Asked {
            period: param(req, "period"),
            from: param(req, "from"),
            to: param(req, "to"),
            staff_id: param(req, "staff_id"),
        }
    }

    /// The API's query, the blanks the form sends for "any" left out and
    /// the first day defaulting to twelve periods back, not the API's 90
    /// days: a chart of twelve bars reads better than one of three.
    fn query(&self, today: NaiveDate) -> ReportQuery {
        let given = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let period = given(&self.period);
        let from = given(&self.from).or_else(|| {
            let to = NaiveDate::parse_from_str(&self.to, "%Y-%m-%d").unwrap_or(today);
            Some(default_from(period.as_deref(), to).to_string())
        });
        ReportQuery {
            period,
            from,
            to: given(&self.to),
            staff_id: given(&self.staff_id),
        }
    }
}

/// The first day of the period twelve periods back from `to`'s (this
/// week or month included); an unknown period is the API's to refuse.
fn default_from(period: Option<&str>, to: NaiveDate) -> NaiveDate {
    let back = DEFAULT_PERIODS - 1;
    if period == Some("week") {
        let monday = to - Duration::days(i64::from(to.weekday().num_days_from_monday()));
        monday - Duration::weeks(i64::from(back))
    } else {
        let first = to.with_day(1).unwrap_or(to);
        first.checked_sub_months(Months::new(back)).unwrap_or(first)
    }
}

/// What the tenant's transaction found.
enum Outcome {
    /// The plan has no `reports`: its name, for the message.
    NotInPlan(String),
    /// The API refused the query: the field it named.
    Refused(&'static str),
    Figures(Box<(Report, NoShows)>),
}

fn figures(conn: &mut PgConnection, query: &ReportQuery) -> Result<Outcome, ReportError> {
    let report = reports::report(conn, query)?;
    // The same days, as the report settled them (defaults included).
    let no_shows = reports::no_shows(
        conn,
        &NoShowQuery {
            from: Some(report.range.from.to_string()),
            to: Some(report.range.to.to_string()),
        },
    )?;
    Ok(Outcome::Figures(Box::new((report, no_shows))))
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Row {
    pub start: String,
    pub visits: String,
    pub new_patients: String,
    pub revenue: String,
    pub no_shows: String,
}

pub struct StaffRow {
    pub name: String,
    pub appointments: String,
    pub attended: String,
    pub no_shows: String,
    pub rate: String,
}

pub struct Figures {
    pub chart: Chart,
    pub caption: String,
    pub rows: Vec<Row>,
    pub staff: Vec<StaffRow>,
}

#[derive(Template)]
#[template(path = "admin/clinic/reports.html")]
struct ReportsPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    notice: Option<Notice>,
    /// The plan's lack of the feature, said instead of the form.
    not_in_plan: Option<String>,
    periods: Vec<Choice>,
    team: Vec<Choice>,
    from: String,
    to: String,
    width: f64,
    height: f64,
    figures: Option<Figures>,
}

/// The notice for the field the API refused, in words a person can act on.
fn refusal(p: &Page, field: &str) -> Notice {
    Notice::bad(match field {
        "period" => p.t("clinic-report-bad-period"),
        "from" => p.t("clinic-report-bad-from"),
        "to" => p.t1("clinic-report-bad-to", "days", p.fmt.number(MAX_DAYS)),
        _ => p.t("clinic-report-bad-staff"),
    })
}

fn table(p: &Page, report: &Report) -> (Vec<Row>, Chart) {
    // Every currency the range was paid in, on every row (0 where a
    // period had none), so a column reads down one currency at a time.
    let mut currencies: Vec<&str> = report
        .buckets
        .iter()
        .flat_map(|b| b.revenue.iter().map(|r| r.currency.as_str()))
        .collect();
    currencies.sort_unstable();
    currencies.dedup();
    let weekly = report.period == "week";
    let rows = report
        .buckets
        .iter()
        .map(|b| {
            let revenue: Vec<String> = currencies
                .iter()
                .map(|c| {
                    let cents = b
                        .revenue
                        .iter()
                        .filter(|r| r.currency == *c)
                        .map(|r| r.amount_cents)
                        .sum();
                    p.fmt.price(cents, c)
                })
                .collect();
            Row {
                start: p.fmt.date(b.start),
                visits: p.fmt.number(b.visits),
                new_patients: p.fmt.number(b.new_patients),
                revenue: if revenue.is_empty() {
                    p.fmt.number(0)
                } else {
                    revenue.join(" · ")
                },
                no_shows: p.fmt.number(b.no_shows),
            }
        })
        .collect();
    let inputs = report
        .buckets
        .iter()
        .map(|b| bar_chart::Input {
            value: b.visits,
            label: p.fmt.day_month(b.start),
            title: p.t2(
                if weekly {
                    "clinic-report-bar-week"
                } else {
                    "clinic-report-bar-month"
                },
                ("start", &p.fmt.date(b.start)),
                ("visits", &p.fmt.number(b.visits)),
            ),
        })
        .collect();
    let chart = bar_chart::draw(inputs, p.lang.is_rtl(), |n| p.fmt.number(n));
    (rows, chart)
}

fn staff_rows(p: &Page, no_shows: &NoShows) -> Vec<StaffRow> {
    no_shows
        .staff
        .iter()
        .map(|s| StaffRow {
            name: s.name.clone(),
            appointments: p.fmt.number(s.appointments),
            attended: p.fmt.number(s.attendance.attended),
            no_shows: p.fmt.number(s.attendance.no_shows),
            // A whole percentage: the rate has four places, a reader needs none.
            rate: s.attendance.no_show_rate.map_or_else(
                || "—".to_string(),
                |r| {
                    p.t1(
                        "clinic-report-percent",
                        "percent",
                        p.fmt.number((r * 100.0).round() as i64),
                    )
                },
            ),
        })
        .collect()
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let asked = Asked::of(&req);
    let tenant_id = tenant.id;
    let typed = asked.clone();
    let (outcome, team) = tenant
        .run(&p.state, move |conn| {
            // The API's check (billing::require_feature), read as a
            // yes or no so the page can say it rather than fail.
            let plan = billing::tenant_plan(conn, tenant_id)?;
            if !plan.has(billing::Feature::Reports) {
                return Ok((Outcome::NotInPlan(plan.name), Vec::new()));
            }
            let team = names::team(conn)?;
            let today = Utc::now()
                .with_timezone(&settings::get(conn)?.tz())
                .date_naive();
            let outcome = match figures(conn, &typed.query(today)) {
                Err(ReportError::Invalid { field, .. }) => Outcome::Refused(field),
                other => other?,
            };
            Ok::<_, AppError>((outcome, team))
        })
        .await
        .map_err(|e| p.fail(e))?;

    let mut page = ReportsPage {
        p: &p,
        nav: nav::links(&p, Section::Patients),
        notice: None,
        not_in_plan: None,
        periods: ["month", "week"]
            .into_iter()
            .map(|v| Choice {
                value: v.to_string(),
                label: p.t(&format!("clinic-report-period-{v}")),
                // The API's default when none is asked for.
                selected: asked.period == v || (asked.period.is_empty() && v == "month"),
            })
            .collect(),
        team: team
            .into_iter()
            .map(|(id, name, _)| Choice {
                selected: asked.staff_id == id.to_string(),
                value: id.to_string(),
                label: name,
            })
            .collect(),
        from: asked.from.clone(),
        to: asked.to.clone(),
        width: bar_chart::WIDTH,
        height: bar_chart::HEIGHT,
        figures: None,
    };
    let status = match outcome {
        Outcome::NotInPlan(plan) => {
            page.not_in_plan = Some(p.t1("clinic-report-not-in-plan", "plan", plan));
            StatusCode::FORBIDDEN
        }
        Outcome::Refused(field) => {
            page.notice = Some(refusal(&p, field));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Outcome::Figures(found) => {
            let (report, no_shows) = *found;
            // The days the figures cover, defaults filled in.
            page.from = report.range.from.to_string();
            page.to = report.range.to.to_string();
            let (rows, chart) = table(&p, &report);
            page.figures = Some(Figures {
                chart,
                caption: p.t2(
                    "clinic-report-range",
                    ("from", &p.fmt.date(report.range.from)),
                    ("to", &p.fmt.date(report.range.to)),
                ),
                rows,
                staff: staff_rows(&p, &no_shows),
            });
            StatusCode::OK
        }
    };
    p.render_status(status, &page)
}

#[cfg(test)]
#[path = "reports_test.rs"]
mod tests;
