//! Host -> tenant resolution, and the isolation of tenants from each other.

mod hosts;
mod isolation;
mod prepared_statements;
mod shared_functions;
