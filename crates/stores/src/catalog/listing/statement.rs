//! A listing's SQL as a statement diesel keeps prepared.
//!
//! diesel never keeps a `sql_query` prepared: its text could be anything,
//! so each run is parsed and planned again. A category page's statement
//! took about four times longer to plan than to run. This statement walks
//! the same text and binds through the query builder, so diesel caches it
//! by its text; with the tenant named in the text (`kernel::db::tagged`)
//! each tenant's statement is planned under its own search_path only, once
//! per connection, and from then on only executed. A search is the
//! exception (see `sql::search_query`).

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{
    Array, BigInt, Float4, Jsonb, Text, Timestamptz, Untyped, Uuid as SqlUuid,
};
use diesel::{PgConnection, QueryResult, RunQueryDsl};

use super::sql::Bind;

/// Text cut at its placeholders, and the values they stand for.
pub struct Statement {
    pieces: Vec<Piece>,
    binds: Vec<Bind>,
    /// Not kept prepared: planned at each run with its values known.
    plan_each_run: bool,
}

enum Piece {
    Sql(String),
    /// The value `binds[i]`; a placeholder written twice binds it twice.
    Bind(usize),
}

impl Statement {
    /// `text` holds `$1` .. `$n` for `binds`, as `Sql::bind` wrote them;
    /// the fixed fragments of the listing's SQL hold no other `$`.
    pub fn new(text: &str, binds: Vec<Bind>) -> Self {
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
                .filter(|n| (1..=binds.len()).contains(n));
            match index {
                Some(n) => {
                    pieces.push(Piece::Sql(rest[..at].to_string()));
                    pieces.push(Piece::Bind(n - 1));
                }
                None => pieces.push(Piece::Sql(rest[..at + 1 + digits].to_string())),
            }
            rest = &rest[at + 1 + digits..];
        }
        pieces.push(Piece::Sql(rest.to_string()));
        Statement {
            pieces,
            binds,
            plan_each_run: false,
        }
    }

    /// A statement diesel does not keep: PostgreSQL plans it at each run
    /// for the values given.
    pub fn planned_each_run(text: &str, binds: Vec<Bind>) -> Self {
        Statement {
            plan_each_run: true,
            ..Statement::new(text, binds)
        }
    }
}

impl QueryFragment<Pg> for Statement {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        if self.plan_each_run {
            out.unsafe_to_cache_prepared();
        }
        for piece in &self.pieces {
            match piece {
                Piece::Sql(text) => out.push_sql(text),
                Piece::Bind(i) => match &self.binds[*i] {
                    Bind::Uuid(v) => out.push_bind_param::<SqlUuid, _>(v)?,
                    Bind::Text(v) => out.push_bind_param::<Text, _>(v)?,
                    Bind::BigInt(v) => out.push_bind_param::<BigInt, _>(v)?,
                    Bind::Real(v) => out.push_bind_param::<Float4, _>(v)?,
                    Bind::Time(v) => out.push_bind_param::<Timestamptz, _>(v)?,
                    Bind::Jsonbs(v) => out.push_bind_param::<Array<Jsonb>, _>(v)?,
                },
            }
        }
        Ok(())
    }
}

/// Cached by its text (which names the tenant), not by its type.
impl QueryId for Statement {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Statement {
    type SqlType = Untyped;
}

impl RunQueryDsl<PgConnection> for Statement {}

#[cfg(test)]
#[path = "statement_test.rs"]
mod tests;
