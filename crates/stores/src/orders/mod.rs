//! Orders after checkout: statuses and their allowed transitions, history,
//! restocking, expiry of unpaid orders, mails and webhook events.
