//! Coupons: codes for a percentage or an amount off, with dates and limits
//! that hold under concurrent checkouts.
