//! The public product list: filters (category subtree, attribute values,
//! price range, in stock), sorts, cursor pages and facet counts.

use std::collections::HashSet;

use serde_json::{json, Value};

use super::{id, shop, Shop};

struct Catalog {
    clothing: String,
    shirts: String,
    books: String,
    /// Red S (2 in stock) and blue M (none); cotton; 30.00.
    oxford: String,
    /// Red M (5 in stock, 35.00 of its own); linen; base 40.00.
    linen: String,
    /// Blue L, none in stock; 80.00.
    boot: String,
    /// No variants; 15.00.
    novel: String,
}

async fn catalog(s: &Shop) -> Catalog {
    let clothing = s.category("Clothing", None).await;
    let shirts = s.category("Shirts", Some(&clothing)).await;
    let shoes = s.category("Shoes", Some(&clothing)).await;
    let books = s.category("Books", None).await;
    s.attribute(
        &clothing,
        json!({"code": "color", "name": "Colour", "kind": "color", "variant": true,
               "options": [{"value": "red", "hex": "#ff0000"}, {"value": "blue", "hex": "#0000ff"}]}),
    )
    .await;
    s.attribute(
        &clothing,
        json!({"code": "size", "name": "Size", "kind": "size", "variant": true,
               "options": [{"value": "S"}, {"value": "M"}, {"value": "L"}]}),
    )
    .await;
    s.attribute(
        &shirts,
        json!({"code": "material", "name": "Material", "kind": "text"}),
    )
    .await;

    let oxford = s
        .product(
            &shirts,
            "Oxford",
            3000,
            json!({"attributes": {"material": "cotton"}}),
        )
        .await;
    s.variant(
        &oxford,
        json!({"sku": "OX-R-S", "stock": 2, "attributes": {"color": "red", "size": "S"}}),
    )
    .await;
    s.variant(
        &oxford,
        json!({"sku": "OX-B-M", "stock": 0, "attributes": {"color": "blue", "size": "M"}}),
    )
    .await;
    let linen = s
        .product(
            &shirts,
            "Linen",
            4000,
            json!({"attributes": {"material": "linen"}}),
        )
        .await;
    s.variant(
        &linen,
        json!({"sku": "LI-R-M", "stock": 5, "price_cents": 3500, "attributes": {"color": "red", "size": "M"}}),
    )
    .await;
    let boot = s.product(&shoes, "Boot", 8000, json!({})).await;
    s.variant(
        &boot,
        json!({"sku": "BO-B-L", "stock": 0, "attributes": {"color": "blue", "size": "L"}}),
    )
    .await;
    let novel = s.product(&books, "Novel", 1500, json!({})).await;
    Catalog {
        clothing,
        shirts,
        books,
        oxford,
        linen,
        boot,
        novel,
    }
}

fn set(ids: &[&String]) -> HashSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

async fn found(s: &Shop, query: &str) -> HashSet<String> {
    s.listed(query).await.into_iter().collect()
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let s = shop().await;
    let c = catalog(&s).await;
    assert_eq!(found(&s, "").await.len(), 4);
    assert_eq!(
        found(&s, &format!("category={}", c.clothing)).await,
        set(&[&c.oxford, &c.linen, &c.boot])
    );
    assert_eq!(
        found(&s, &format!("category={}", c.shirts)).await,
        set(&[&c.oxford, &c.linen])
    );
    assert_eq!(
        found(&s, &format!("category={}", c.books)).await,
        set(&[&c.novel])
    );
    assert!(found(&s, &format!("category={}", uuid::Uuid::new_v4()))
        .await
        .is_empty());

    assert_eq!(
        found(&s, "attr=color:red").await,
        set(&[&c.oxford, &c.linen])
    );
    // Red and M on one variant: the Oxford has red (S) and M (blue) apart.
    assert_eq!(
        found(&s, "attr=color:red&attr=size:M").await,
        set(&[&c.linen])
    );
    assert_eq!(
        found(&s, "attr=size:M&attr=color:blue").await,
        set(&[&c.oxford])
    );
    assert_eq!(
        found(&s, "attr=color:red&attr=color:blue&attr=size:L").await,
        set(&[&c.boot])
    );
    assert_eq!(found(&s, "attr=material:cotton").await, set(&[&c.oxford]));
    assert_eq!(
        found(&s, "attr=material:cotton&attr=size:S").await,
        set(&[&c.oxford])
    );
    assert!(found(&s, "attr=material:cotton&attr=color:red&attr=size:M")
        .await
        .is_empty());
    assert!(found(&s, "attr=color:green").await.is_empty());

    assert_eq!(
        found(&s, "min_price=3000&max_price=5000").await,
        set(&[&c.oxford, &c.linen]),
        "the linen shirt sells at its variant's 35.00"
    );
    assert_eq!(found(&s, "min_price=8000").await, set(&[&c.boot]));
    assert_eq!(found(&s, "max_price=1500").await, set(&[&c.novel]));

    assert_eq!(
        found(&s, "in_stock=true").await,
        set(&[&c.oxford, &c.linen])
    );
    assert!(found(&s, "in_stock=true&attr=color:blue").await.is_empty());
    assert_eq!(found(&s, "in_stock=false").await.len(), 4);
}

#[tokio::test]
async fn sorts_order_by_price_newest_and_popularity() {
    let s = shop().await;
    let c = catalog(&s).await;
    s.sql(&format!(
        "UPDATE products SET sold_count = CASE id WHEN '{}' THEN 10 WHEN '{}' THEN 5 ELSE 0 END",
        c.boot, c.novel
    ))
    .unwrap();
    assert_eq!(
        s.listed("sort=price_asc").await,
        [
            c.novel.clone(),
            c.oxford.clone(),
            c.linen.clone(),
            c.boot.clone()
        ]
    );
    assert_eq!(
        s.listed("sort=price_desc").await,
        [
            c.boot.clone(),
            c.linen.clone(),
            c.oxford.clone(),
            c.novel.clone()
        ]
    );
    assert_eq!(
        s.listed("").await,
        [
            c.novel.clone(),
            c.boot.clone(),
            c.linen.clone(),
            c.oxford.clone()
        ]
    );
    let popular = s.listed("sort=popular").await;
    assert_eq!(popular[..2], [c.boot.clone(), c.novel.clone()]);
}

/// Every product exactly once, in the order one long page gives, for
/// each sort, through pages of 4 with many ties on the sort key.
#[tokio::test]
async fn cursor_pages_walk_every_product_exactly_once() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    s.sql(&format!(
        "INSERT INTO products (id, category_id, name, description, base_price_cents, currency, sold_count, created_at) \
         SELECT gen_random_uuid(), '{cat}', 'Shirt ' || n, \
                CASE WHEN n % 3 = 0 THEN 'shirt shirt shirt' ELSE 'plain' END, \
                (n % 5) * 100, 'EUR', n % 3, \
                CASE WHEN n % 2 = 0 THEN timestamptz '2026-01-01 00:00:00+00' \
                     ELSE now() - n * interval '1 minute' END \
         FROM generate_series(1, 25) n"
    ))
    .unwrap();
    for query in [
        "sort=newest",
        "sort=price_asc",
        "sort=price_desc",
        "sort=popular",
        "q=shirt",
        "q=shirt&sort=price_asc",
    ] {
        let whole = s.listed(&format!("{query}&limit=100")).await;
        assert_eq!(whole.len(), 25, "{query}");
        let mut walked: Vec<String> = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..10 {
            let path = match &cursor {
                Some(c) => format!("/api/v1/products?{query}&limit=4&cursor={c}"),
                None => format!("/api/v1/products?{query}&limit=4"),
            };
            let (status, page) = s.get(&path).await;
            assert_eq!(status, 200, "{query}: {page}");
            walked.extend(page["items"].as_array().unwrap().iter().map(id));
            cursor = page["next_cursor"].as_str().map(str::to_string);
            if cursor.is_none() {
                break;
            }
        }
        assert_eq!(walked, whole, "{query}");
    }
    // A cursor belongs to its sort.
    let (_, page) = s.get("/api/v1/products?sort=price_asc&limit=2").await;
    let cursor = page["next_cursor"].as_str().unwrap();
    let (status, problem) = s
        .get(&format!("/api/v1/products?sort=popular&cursor={cursor}"))
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("invalid_cursor"))
    );
}

fn values(facets: &Value, code: &str) -> Vec<(String, i64)> {
    facets["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {facets}"))["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                v["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(v, n)| (v.to_string(), *n)).collect()
}

#[tokio::test]
async fn facets_count_the_filtered_set() {
    let s = shop().await;
    let c = catalog(&s).await;
    let (status, page) = s
        .get(&format!(
            "/api/v1/products?category={}&facets=true&limit=1",
            c.clothing
        ))
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let f = &page["facets"];
    assert_eq!(f["total"], 3, "{f}");
    assert_eq!(f["in_stock"], 2);
    assert_eq!(f["price"], json!({"min_cents": 3000, "max_cents": 8000}));
    assert_eq!(
        f["categories"][0],
        json!({"category_id": c.shirts, "count": 2})
    );
    assert_eq!(f["categories"].as_array().unwrap().len(), 2);
    assert_eq!(values(f, "color"), pairs(&[("blue", 2), ("red", 2)]));
    assert_eq!(values(f, "size"), pairs(&[("M", 2), ("L", 1), ("S", 1)]));
    assert_eq!(values(f, "material"), pairs(&[("cotton", 1), ("linen", 1)]));

    let (_, page) = s
        .get("/api/v1/products?attr=color:red&in_stock=true&facets=true")
        .await;
    let f = &page["facets"];
    assert_eq!(f["total"], 2, "{f}");
    assert_eq!(f["price"], json!({"min_cents": 3000, "max_cents": 3500}));
    // Only variants in stock count under in_stock: the Oxford's blue M has none.
    assert_eq!(values(f, "color"), pairs(&[("red", 2)]));

    let (_, page) = s.get("/api/v1/products?attr=color:green&facets=true").await;
    assert_eq!(
        page["facets"],
        json!({"total": 0, "in_stock": 0, "price": {"min_cents": null, "max_cents": null},
               "categories": [], "attributes": []})
    );
    let (_, plain) = s.get("/api/v1/products").await;
    assert!(plain.get("facets").is_none());
}
