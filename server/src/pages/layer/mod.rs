//! The page layer every group of pages shares: the `Page` a handler takes
//! (site, language, formats, CSRF), rendering to HTML with the security
//! headers, errors as pages, the catalogs, the locale formats, assets.

pub mod assets;
pub mod brand;
pub mod csrf;
pub mod error;
pub mod feedback;
pub mod form;
pub mod format;
pub mod handoff;
pub mod headers;
pub mod i18n;
pub mod locale;
pub mod page;
pub mod session;

pub use error::PageError;
pub use feedback::{Feedback, Notice};
pub use form::Form;
pub use page::{Page, PageResult};
