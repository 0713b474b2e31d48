//! Unit tests of the API document: built without a server or a database.

use std::collections::BTreeSet;

use serde_json::Value;

use super::*;

fn doc() -> Value {
    serde_json::to_value(document()).unwrap()
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.clone(), path.clone(), op.clone()));
        }
    }
    out
}

/// Every `$ref` in `v`.
fn refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        out.insert(r.clone());
                    }
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn is_openapi_3_1_with_the_bearer_scheme() {
    let doc = doc();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(
        doc["components"]["securitySchemes"][BEARER]["scheme"],
        "bearer"
    );
}

#[test]
fn operation_ids_are_unique_and_every_operation_answers() {
    let doc = doc();
    let mut ids = BTreeSet::new();
    for (method, path, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap_or_default().to_string();
        assert!(
            ids.insert(id.clone()),
            "{method} {path}: operationId {id:?} twice"
        );
        let responses = op["responses"].as_object().unwrap();
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{method} {path}: no success answer"
        );
        assert!(responses.contains_key("500"), "{method} {path}");
    }
}

#[test]
fn every_reference_resolves() {
    let doc = doc();
    let mut found = BTreeSet::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for r in found {
        let name = r.strip_prefix("#/components/schemas/").unwrap();
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "{r} is not in the components"
        );
    }
}

#[test]
fn problems_list_their_codes() {
    let doc = doc();
    let get = &doc["paths"]["/api/v1/customers/{id}"]["get"];
    let codes = &get["responses"]["404"]["x-problem-codes"];
    let codes: Vec<&str> = codes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(codes.contains(&"customer_not_found"), "{codes:?}");
    assert!(codes.contains(&"tenant_not_found"), "{codes:?}");
    assert!(get["responses"]["401"]["x-problem-codes"]
        .as_array()
        .unwrap()
        .contains(&Value::from("missing_token")));
    assert_eq!(get["security"][0][BEARER][0], STAFF);
}

/// A body the document shows for one operation only keeps the fields of
/// the type the handler reads.
#[test]
fn the_new_category_body_has_the_category_fields() {
    let doc = doc();
    let schemas = &doc["components"]["schemas"];
    let fields = |name: &str| -> BTreeSet<String> {
        schemas[name]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(
        fields("NewServiceCategoryBody"),
        fields("ServiceCategoryBody")
    );
    assert_eq!(schemas["NewServiceCategoryBody"]["required"][0], "name");
}

#[test]
#[ignore = "prints the document: cargo test -p server --lib print_document -- --ignored"]
fn print_document() {
    println!("{}", serde_json::to_string_pretty(&doc()).unwrap());
}

#[test]
fn no_two_schemas_share_a_name() {
    assert_eq!(schema_clashes(), Vec::<String>::new());
}
