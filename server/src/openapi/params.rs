//! Parameters as a URL or a header carries them. An optional Rust field
//! comes out of the derive as "string or null", but a query string, a path
//! or a header has no null: a parameter is there or not (`required`). The
//! null is taken out, so clients and fuzzers never try to send one.

use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{Schema, SchemaType, Type};
use utoipa::openapi::RefOr;

fn is_null(s: &RefOr<Schema>) -> bool {
    matches!(s, RefOr::T(Schema::Object(o)) if o.schema_type == SchemaType::Type(Type::Null))
}

fn without_null(schema: RefOr<Schema>) -> RefOr<Schema> {
    match schema {
        RefOr::T(Schema::Object(mut o)) => {
            if let SchemaType::Array(types) = &o.schema_type {
                let rest: Vec<Type> = types
                    .iter()
                    .filter(|t| **t != Type::Null)
                    .cloned()
                    .collect();
                o.schema_type = match rest.as_slice() {
                    [one] => SchemaType::Type(one.clone()),
                    _ => SchemaType::Array(rest),
                };
            }
            RefOr::T(Schema::Object(o))
        }
        RefOr::T(Schema::OneOf(mut one_of)) if one_of.items.iter().any(is_null) => {
            one_of.items.retain(|s| !is_null(s));
            match one_of.items.len() {
                1 => one_of.items.remove(0),
                _ => RefOr::T(Schema::OneOf(one_of)),
            }
        }
        other => other,
    }
}

pub fn tidy(op: &mut Operation) {
    for p in op.parameters.iter_mut().flatten() {
        if let Some(schema) = p.schema.take() {
            p.schema = Some(without_null(schema));
        }
    }
}
