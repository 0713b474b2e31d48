//! The clinic's figures over a range of days, in the site's time zone:
//! no-shows per staff member, and the `reports` plan feature's visits, new
//! patients, revenue and no-shows per week or month. Only appointments
//! tied to a patient count: a salon's bookings on the same site are not
//! the clinic's visits.

mod buckets;
mod error;
mod no_shows;
mod range;

pub use buckets::{report, Bucket, Report, ReportQuery, Revenue};
pub use error::ReportError;
pub use no_shows::{no_shows, NoShowQuery, NoShows, StaffNoShows};
pub use range::{DateRange, MAX_DAYS};
