//! The outbox worker (placeholder until the outbox lands).

use crate::state::AppState;

pub fn spawn(_state: AppState) {}
