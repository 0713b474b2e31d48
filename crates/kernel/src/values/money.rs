//! An amount of money: whole minor units (cents) and an ISO 4217 currency.
//! Never a float: sums and refunds must come out to the cent.

use std::fmt;

use serde::Serialize;

/// A three-letter ISO 4217 currency code, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    pub fn parse(raw: &str) -> Result<Self, String> {
        let code = raw.trim().to_ascii_uppercase();
        match <[u8; 3]>::try_from(code.as_bytes()) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_uppercase) => Ok(Currency(bytes)),
            _ => Err(format!(
                "{raw:?} is not a three-letter ISO 4217 code such as EUR"
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Money {
    /// In the currency's minor unit (cents for EUR).
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// A price: zero or more.
    pub fn price(minor: i64, currency: Currency) -> Result<Self, String> {
        if minor < 0 {
            return Err("must not be negative".into());
        }
        Ok(Money { minor, currency })
    }
}
