//! SQL text that diesel keeps prepared, once per connection and tenant.
//!
//! diesel never keeps a `sql_query` prepared: its text could be anything,
//! so each run is parsed and planned again, and planning a statement of a
//! few joins costs more than running it on a handful of rows. A [`Kept`]
//! statement binds its values through the query builder instead, so diesel
//! caches it by its text; the text names the tenant whose transaction the
//! thread is in ([`super::tagged`]), so each tenant's statement is planned
//! under its own search_path only, and from then on only executed.
//!
//! ```ignore
//! Kept::new("UPDATE variants SET stock = stock - $2 WHERE id = $1")
//!     .bind::<Uuid, _>(id)
//!     .bind::<Integer, _>(quantity)
//!     .execute(conn)?;
//! ```
//!
//! A query of the query builder that diesel keeps (selects, inserts
//! without a conflict update; never an UPDATE) is kept once for all
//! tenants and so planned again whenever the tenant changes; wrapped in
//! [`PerTenant`], it is kept per tenant too.

use std::marker::PhantomData;

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{HasSqlType, Untyped};
use diesel::{PgConnection, QueryResult, RunQueryDsl};

/// A statement: text cut at its placeholders, and the values they stand for.
pub struct Kept<'a> {
    text: String,
    binds: Vec<Box<dyn PushBind + 'a>>,
}

/// A piece of the text as the statement sends it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'t> {
    Sql(&'t str),
    /// The value `binds[i]`; a placeholder written twice binds it twice.
    Bind(usize),
}

impl<'a> Kept<'a> {
    /// `text` holds `$1` .. `$n` for the values bound, in order.
    pub fn new(text: impl Into<String>) -> Self {
        Kept {
            text: text.into(),
            binds: Vec::new(),
        }
    }

    /// The next placeholder's value, as SQL type `ST`.
    pub fn bind<ST, T>(mut self, value: T) -> Self
    where
        Pg: HasSqlType<ST>,
        T: ToSql<ST, Pg> + Send + 'a,
        ST: 'a,
    {
        self.binds.push(Box::new(Typed::<ST, T> {
            value,
            sql_type: PhantomData,
        }));
        self
    }

    /// How many values are bound: the next placeholder is `$(bound + 1)`.
    pub fn bound(&self) -> usize {
        self.binds.len()
    }

    /// Puts `clause` before the statement's text (a `WITH` clause of a
    /// data-modifying statement to run with it); its placeholders number
    /// on from the values bound so far, see [`Kept::bound`].
    pub fn preceded_by(mut self, clause: &str) -> Self {
        self.text.insert_str(0, clause);
        self
    }
}

/// `text` cut at the placeholders `$1` .. `$binds`; a `$` that names no
/// bound value stays text.
pub(super) fn pieces(text: &str, binds: usize) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let digits = rest[at + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let index = rest[at + 1..at + 1 + digits]
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=binds).contains(n));
        match index {
            Some(n) => {
                pieces.push(Piece::Sql(&rest[..at]));
                pieces.push(Piece::Bind(n - 1));
            }
            None => pieces.push(Piece::Sql(&rest[..at + 1 + digits])),
        }
        rest = &rest[at + 1 + digits..];
    }
    pieces.push(Piece::Sql(rest));
    pieces
}

/// One bound value of some SQL type.
trait PushBind: Send {
    fn push<'b>(&'b self, out: &mut AstPass<'_, 'b, Pg>) -> QueryResult<()>;
}

struct Typed<ST, T> {
    value: T,
    sql_type: PhantomData<fn() -> ST>,
}

impl<ST, T> PushBind for Typed<ST, T>
where
    Pg: HasSqlType<ST>,
    T: ToSql<ST, Pg> + Send,
{
    fn push<'b>(&'b self, out: &mut AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_bind_param::<ST, T>(&self.value)
    }
}

impl QueryFragment<Pg> for Kept<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        if let Some(tag) = super::statement_tag::current_tag() {
            out.push_sql(&tag);
        }
        for piece in pieces(&self.text, self.binds.len()) {
            match piece {
                Piece::Sql(text) => out.push_sql(text),
                Piece::Bind(i) => self.binds[i].push(&mut out)?,
            }
        }
        Ok(())
    }
}

/// Cached by its text (which names the tenant), not by its type.
impl QueryId for Kept<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Kept<'_> {
    type SqlType = Untyped;
}

impl RunQueryDsl<PgConnection> for Kept<'_> {}

/// A query of the query builder, kept per tenant: its text names the
/// tenant, as a [`Kept`] statement's does. What it answers is the query's.
pub struct PerTenant<Q>(pub Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for PerTenant<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        if let Some(tag) = super::statement_tag::current_tag() {
            out.push_sql(&tag);
        }
        self.0.walk_ast(out)
    }
}

impl<Q> QueryId for PerTenant<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for PerTenant<Q> {
    type SqlType = Q::SqlType;
}

impl<Q> RunQueryDsl<PgConnection> for PerTenant<Q> {}

/// A query's first `rows` rows, the number written into its text
/// (`LIMIT 21`) rather than bound. PostgreSQL plans a statement without
/// parameters once, for its first run and every later one; one with a
/// parameter, even just the page size, gets a plan of its own at each of
/// its first five runs on a connection. Over thousands of tenants most
/// runs are among a tenant's first five on its connection, so a first page
/// that binds nothing else costs one plan instead of five. Each page size
/// is a statement of its own: keep them few (a default, a maximum).
pub struct FirstRows<Q> {
    query: Q,
    rows: u32,
}

impl<Q> FirstRows<Q> {
    /// `query` must end where a LIMIT may follow (after its ORDER BY).
    pub fn new(query: Q, rows: u32) -> Self {
        FirstRows { query, rows }
    }
}

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for FirstRows<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.query.walk_ast(out.reborrow())?;
        // A number, so nothing a caller passes can change the statement.
        out.push_sql(&format!(" LIMIT {}", self.rows));
        Ok(())
    }
}

impl<Q> QueryId for FirstRows<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for FirstRows<Q> {
    type SqlType = Q::SqlType;
}

#[cfg(test)]
#[path = "db_kept_test.rs"]
mod tests;
