//! Listing customers over HTTP: search, tag filter, cursor pagination and
//! the checks on list parameters.

use diesel::prelude::*;
use serde_json::json;

use super::{id_of, setup, CUSTOMERS};
use crate::support::*;

#[tokio::test]
async fn search_by_text_and_tag() {
    let cx = setup().await;
    cx.created(json!({"name": "Grace Hopper", "email": "grace@navy.example", "tags": ["vip"]}))
        .await;
    cx.created(json!({"name": "Alan Turing", "phone": "+44 161 555 0100", "tags": ["vip", "uk"]}))
        .await;
    cx.created(json!({"name": "Edsger 100% Dijkstra", "email": "ewd@tue.example", "tags": ["nl"]}))
        .await;

    assert_eq!(cx.names("q=HOPPER").await, ["Grace Hopper"]);
    assert_eq!(cx.names("q=navy.example").await, ["Grace Hopper"]);
    assert_eq!(cx.names("q=161%20555").await, ["Alan Turing"]);
    // % and _ in the search text are literal, not wildcards.
    assert_eq!(cx.names("q=100%25").await, ["Edsger 100% Dijkstra"]);
    assert!(cx.names("q=%25%25%25x").await.is_empty());
    assert!(cx.names("q=_").await.is_empty());

    assert_eq!(cx.names("tag=vip").await, ["Alan Turing", "Grace Hopper"]);
    assert_eq!(cx.names("tag=uk").await, ["Alan Turing"]);
    assert!(cx.names("tag=VIP").await.is_empty());
    assert_eq!(cx.names("tag=vip&q=grace").await, ["Grace Hopper"]);
    // Blank parameters filter nothing.
    assert_eq!(cx.names("q=&tag=%20").await.len(), 3);
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
}

#[tokio::test]
async fn pagination_walks_every_row_once_in_order() {
    let cx = setup().await;
    for i in 0..23 {
        cx.created(json!({"name": format!("Page {i:02}"), "tags": ["paged"]}))
            .await;
    }
    cx.created(json!({"name": "Untagged"})).await;
    // Many rows sharing one created_at make the id the tie-breaker.
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query(format!(
        "UPDATE \"{}\".customers SET created_at = '2026-01-01T00:00:00Z' \
         WHERE name IN ('Page 03','Page 04','Page 05','Page 06','Page 07','Page 08','Page 09')",
        cx.tenant.schema
    ))
    .execute(&mut conn)
    .unwrap();
    let expected: Vec<String> = diesel::sql_query(format!(
        "SELECT id FROM \"{}\".customers WHERE 'paged' = ANY(tags) \
         ORDER BY created_at DESC, id DESC",
        cx.tenant.schema
    ))
    .load::<IdRow>(&mut conn)
    .unwrap()
    .into_iter()
    .map(|r| r.id.to_string())
    .collect();
    assert_eq!(expected.len(), 23);

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = match &cursor {
            None => "tag=paged&limit=5".to_string(),
            Some(c) => format!("tag=paged&limit=5&cursor={c}"),
        };
        let (status, page) = cx.get(&format!("{CUSTOMERS}?{query}")).await;
        assert_eq!(status, 200, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 5);
        seen.extend(items.iter().map(id_of));
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(next) => {
                assert_eq!(items.len(), 5, "only full pages have a next page");
                cursor = Some(next.to_string());
            }
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }
    assert_eq!(pages, 5);
    assert_eq!(seen, expected, "pages skipped, repeated or reordered rows");

    // Exactly one full page: no next cursor pointing at an empty page.
    let (_, page) = cx.get(&format!("{CUSTOMERS}?q=Untagged&limit=1")).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert!(page["next_cursor"].is_null());
    // Default page size is 20.
    let (_, page) = cx.get(CUSTOMERS).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 20);
    assert!(page["next_cursor"].is_string());
}

#[tokio::test]
async fn bad_list_parameters_are_400() {
    let cx = setup().await;
    for i in 0..3 {
        cx.created(json!({"name": format!("C{i}")})).await;
    }
    let (_, page) = cx.get(&format!("{CUSTOMERS}?limit=1")).await;
    let good = page["next_cursor"].as_str().unwrap().to_string();
    let mut tampered: Vec<char> = good.chars().collect();
    tampered[5] = if tampered[5] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();

    for (query, code) in [
        (format!("cursor={tampered}"), "invalid_cursor"),
        ("cursor=garbage".to_string(), "invalid_cursor"),
        (
            format!("cursor={}", &good[..good.len() - 3]),
            "invalid_cursor",
        ),
        ("limit=0".to_string(), "invalid_limit"),
        ("limit=101".to_string(), "invalid_limit"),
        ("limit=ten".to_string(), "invalid_query"),
        ("colour=red".to_string(), "invalid_query"),
        (format!("q={}", "x".repeat(201)), "invalid_query"),
        ("q=a%00b".to_string(), "invalid_query"),
    ] {
        let (status, body) = cx.get(&format!("{CUSTOMERS}?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["code"], code, "{query}: {body}");
        assert!(!body["detail"].as_str().unwrap().is_empty());
    }
    let (status, _) = cx.get(&format!("{CUSTOMERS}?limit=100")).await;
    assert_eq!(status, 200);
}
