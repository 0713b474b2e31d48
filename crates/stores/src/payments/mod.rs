//! Payments: the shop's provider (manual, or a Stripe-shaped HTTP one), its
//! settings, and its signed webhook events applied once each.
