//! Statement text that names the tenant it runs for.
//!
//! PostgreSQL plans a prepared statement again whenever the search_path
//! differs from the one it was planned under, and a pooled connection
//! serves one tenant after another: a statement shared by all tenants is
//! planned at nearly every use. A statement whose text names its tenant
//! (`/* tenant t_acme */ SELECT ...`) is a statement of its own in diesel's
//! cache and on the server, always run under the same path, so it is
//! planned once per connection and tenant and then only executed. The
//! cost is one prepared statement per tenant and shape on each connection,
//! bounded by the recycling of connections whose backends outgrow their
//! budget (db_recycle.rs).
//!
//! `with_tenant`, the one door into a tenant's schema, says which tenant
//! the thread is in; `Kept` statements and `PerTenant` queries (db_kept.rs)
//! ask for their tag with [`current_tag`].

use std::cell::RefCell;

use crate::values::SchemaName;

thread_local! {
    /// The tenant whose transaction this thread is in, if any.
    static CURRENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The thread is inside `schema`'s transaction until this is dropped; then
/// it is back in whatever it was in before (an outbox worker's claim
/// nests one tenant's savepoint inside its own transaction). Dropped on
/// unwinding too, so a panic leaves no tenant behind.
pub(super) struct Entered {
    previous: Option<String>,
}

pub(super) fn enter(schema: &SchemaName) -> Entered {
    let previous = CURRENT.with(|c| c.replace(Some(schema.as_str().to_string())));
    Entered { previous }
}

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// `/* tenant <schema> */ `, for the tenant whose transaction the thread
/// is in; none outside any. Schema names are lower-case letters, digits
/// and underscores, so the comment cannot be closed early.
pub(super) fn current_tag() -> Option<String> {
    CURRENT.with(|c| {
        c.borrow()
            .as_deref()
            .map(|schema| format!("/* tenant {schema} */ "))
    })
}
