//! Full-text search in the platform's languages: Persian and Arabic
//! spellings of the same letters and digits, English and French word
//! forms, Arabic names.

use serde_json::json;

use super::{shop, Shop};

async fn search(s: &Shop, words: &str) -> Vec<String> {
    let (status, page) = s
        .app
        .get(&s.tenant.host, "/api/v1/products")
        .query(&[("q", words)])
        .send()
        .await
        .map(|r| (r.status().as_u16(), r))
        .unwrap();
    assert_eq!(status, 200, "{words}");
    let page: serde_json::Value = page.json().await.unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn words_match_across_spellings_forms_and_languages() {
    let s = shop().await;
    let cat = s.category("All", None).await;
    // Persian kaf (U+06A9) and yeh (U+06CC).
    s.product(&cat, "کیف چرمی", 5000, json!({})).await;
    // Arabic kaf (U+0643), in an Arabic name.
    s.product(
        &cat,
        "Notebook",
        800,
        json!({"translations": {"ar": {"name": "دفتر كتابة"}}}),
    )
    .await;
    s.product(
        &cat,
        "Blue shirt",
        3000,
        json!({"translations": {"ar": {"name": "قميص أزرق"}, "fr": {"name": "Chemise bleue"}}}),
    )
    .await;
    s.product(
        &cat,
        "Model 12 lamp",
        4000,
        json!({"description": "Made of organic cotton."}),
    )
    .await;
    s.product(&cat, "Cotton socks", 900, json!({})).await;

    // Arabic kaf and yeh find the Persian spelling.
    assert_eq!(search(&s, "كيف").await, ["کیف چرمی"]);
    // Persian kaf finds the Arabic one.
    assert_eq!(search(&s, "کتابة").await, ["Notebook"]);
    // English and French word forms, and an Arabic name with its article.
    assert_eq!(search(&s, "shirts").await, ["Blue shirt"]);
    assert_eq!(search(&s, "chemises").await, ["Blue shirt"]);
    assert_eq!(search(&s, "قميص").await, ["Blue shirt"]);
    assert_eq!(search(&s, "القميص").await, ["Blue shirt"]);
    // Persian digits are digits.
    assert_eq!(search(&s, "۱۲").await, ["Model 12 lamp"]);
    // A name matches before a description.
    assert_eq!(
        search(&s, "cotton").await,
        ["Cotton socks", "Model 12 lamp"]
    );
    assert_eq!(search(&s, "\"blue shirt\"").await, ["Blue shirt"]);
    assert_eq!(search(&s, "cotton -socks").await, ["Model 12 lamp"]);
    assert!(search(&s, "zebra").await.is_empty());
    // Punctuation and operators alone match nothing rather than failing.
    for odd in ["&|!()", "\"", "or", "-", ":*", "' OR 1=1 --", "\\"] {
        let status = s
            .app
            .get(&s.tenant.host, "/api/v1/products")
            .query(&[("q", odd), ("facets", "true")])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(status, 200, "{odd:?}");
    }
}

#[tokio::test]
async fn search_combines_with_filters_and_other_sorts() {
    let s = shop().await;
    let a = s.category("A", None).await;
    let b = s.category("B", None).await;
    s.product(&a, "Red shirt", 2000, json!({})).await;
    s.product(&a, "Green shirt", 1000, json!({})).await;
    s.product(&b, "Shirt box", 500, json!({})).await;
    let s = &s;
    let names = |query: String| async move {
        let (_, page) = s.get(&format!("/api/v1/products?{query}")).await;
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(format!("q=shirt&category={a}&sort=price_asc")).await,
        ["Green shirt", "Red shirt"]
    );
    assert_eq!(
        names("q=shirt&max_price=1000&sort=price_desc".into()).await,
        ["Green shirt", "Shirt box"]
    );
}

/// Words that stem alike in several languages go into the search query
/// once: a term repeated for each dictionary made PostgreSQL expect several
/// times the matches it finds, and read the whole product table instead of
/// the search index.
#[tokio::test]
async fn the_search_query_keeps_each_alternative_once() {
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    #[derive(QueryableByName)]
    struct Query {
        #[diesel(sql_type = Text)]
        q: String,
    }

    let s = shop().await;
    let mut conn = PgConnection::establish(&crate::support::database_url()).unwrap();
    let schema = kernel::values::SchemaName::parse(&s.tenant.schema).unwrap();
    let built = |words: &'static str, conn: &mut PgConnection| {
        kernel::db::with_tenant(conn, &schema, |conn| {
            diesel::sql_query("SELECT store_search_query($1)::text AS q")
                .bind::<Text, _>(words)
                .get_result::<Query>(conn)
        })
        .unwrap()
        .q
    };
    // "shirt" is the same word for every dictionary.
    assert_eq!(built("shirt", &mut conn), "'shirt'");
    // "shirts": kept as typed (neutral fold, Arabic) and stemmed (English,
    // French): two alternatives, each once.
    let shirts = built("shirts", &mut conn);
    let alternatives: Vec<&str> = shirts.split(" | ").collect();
    let mut distinct = alternatives.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(alternatives.len(), distinct.len(), "{shirts}");
    assert!(alternatives.contains(&"'shirts'"), "{shirts}");
    assert!(alternatives.contains(&"'shirt'"), "{shirts}");
}
