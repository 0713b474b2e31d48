//! Where an order is shipped: checked line by line, the country by its
//! ISO 3166-1 alpha-2 code.

use serde::Serialize;

use super::fields::Fields;
use super::model::AddressBody;
use kernel::input::required_text;

pub const MAX_LINE_CHARS: usize = 200;
pub const MAX_CITY_CHARS: usize = 100;
pub const MAX_POSTAL_CODE_CHARS: usize = 20;
pub const MAX_REGION_CHARS: usize = 100;

/// ISO 3166-1 alpha-2, every officially assigned code, in order.
pub const COUNTRIES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// A checked address, as the order stores it (jsonb; absent parts left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShippingAddress {
    pub line1: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    pub city: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Upper case.
    pub country: String,
}

/// A part that may be left out: blank is None.
fn optional(raw: Option<&str>, max: usize) -> Result<Option<String>, String> {
    match raw.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => required_text(text, max).map(Some),
    }
}

pub fn country(raw: &str) -> Result<String, String> {
    let code = raw.trim().to_ascii_uppercase();
    if COUNTRIES.binary_search(&code.as_str()).is_ok() {
        Ok(code)
    } else {
        Err(format!(
            "{:?} is not an ISO 3166-1 alpha-2 country code such as FR or US",
            raw.chars().take(10).collect::<String>()
        ))
    }
}

fn postal_code(raw: Option<&str>) -> Result<Option<String>, String> {
    let code = optional(raw, MAX_POSTAL_CODE_CHARS)?;
    match &code {
        Some(c)
            if !c
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-') =>
        {
            Err("use only letters, digits, spaces and -".into())
        }
        _ => Ok(code),
    }
}

impl ShippingAddress {
    /// The address, or None with each bad part noted as
    /// `shipping_address.<part>`.
    pub(crate) fn check(body: &AddressBody, f: &mut Fields) -> Option<Self> {
        let line1 = f.check(
            "shipping_address.line1",
            required_text(&body.line1, MAX_LINE_CHARS),
        );
        let line2 = f.check(
            "shipping_address.line2",
            optional(body.line2.as_deref(), MAX_LINE_CHARS),
        );
        let city = f.check(
            "shipping_address.city",
            required_text(&body.city, MAX_CITY_CHARS),
        );
        let postal = f.check(
            "shipping_address.postal_code",
            postal_code(body.postal_code.as_deref()),
        );
        let region = f.check(
            "shipping_address.region",
            optional(body.region.as_deref(), MAX_REGION_CHARS),
        );
        let country = f.check("shipping_address.country", country(&body.country));
        Some(ShippingAddress {
            line1: line1?,
            line2: line2?,
            city: city?,
            postal_code: postal?,
            region: region?,
            country: country?,
        })
    }
}
