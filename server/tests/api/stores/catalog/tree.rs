//! The category tree: create, rename, move a subtree, cycles refused,
//! deletion refused while used, breadcrumbs, translations.

use serde_json::{json, Value};

use super::{id, shop};

fn names(nodes: &Value) -> Vec<String> {
    nodes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

fn crumb_names(crumbs: &Value) -> Vec<&str> {
    crumbs
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_subtree_moves_with_its_paths_and_breadcrumbs_follow() {
    let s = shop().await;
    let clothing = s.category("Clothing", None).await;
    let shirts = s.category("Shirts", Some(&clothing)).await;
    let formal = s.category("Formal", Some(&shirts)).await;
    let shoes = s.category("Shoes", None).await;
    s.product(&formal, "Tuxedo shirt", 9000, json!({})).await;

    let (status, tree) = s.get("/api/v1/categories").await;
    assert_eq!(status, 200, "{tree}");
    let roots = &tree["items"];
    assert_eq!(names(roots), ["Clothing", "Shoes"]);
    assert_eq!(names(&roots[0]["children"]), ["Shirts"]);
    assert_eq!(names(&roots[0]["children"][0]["children"]), ["Formal"]);
    assert_eq!(roots[0]["product_count"], 1);

    // Shirts (with Formal under it) moves under Shoes.
    let (status, moved) = s
        .patch(
            &format!("/api/v1/categories/{shirts}"),
            json!({ "parent_id": shoes }),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["parent_id"], shoes.as_str());
    assert_eq!(moved["path"], json!([shoes, shirts]));

    let (_, tree) = s.get("/api/v1/categories").await;
    let roots = &tree["items"];
    assert!(
        roots[0]["children"].as_array().unwrap().is_empty(),
        "{tree}"
    );
    assert_eq!(roots[0]["product_count"], 0);
    assert_eq!(names(&roots[1]["children"][0]["children"]), ["Formal"]);
    assert_eq!(roots[1]["product_count"], 1);

    let (status, crumbs) = s
        .get(&format!("/api/v1/categories/{formal}/breadcrumbs"))
        .await;
    assert_eq!(status, 200, "{crumbs}");
    assert_eq!(crumb_names(&crumbs["items"]), ["Shoes", "Shirts", "Formal"]);
    let (status, detail) = s.get(&format!("/api/v1/categories/{formal}")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["path"], json!([shoes, shirts, formal]));
    assert_eq!(
        crumb_names(&detail["breadcrumbs"]),
        ["Shoes", "Shirts", "Formal"]
    );

    // Back to the top level.
    let (status, top) = s
        .patch(
            &format!("/api/v1/categories/{shirts}"),
            json!({ "parent_id": null }),
        )
        .await;
    assert_eq!(status, 200, "{top}");
    let (_, crumbs) = s
        .get(&format!("/api/v1/categories/{formal}/breadcrumbs"))
        .await;
    assert_eq!(crumb_names(&crumbs["items"]), ["Shirts", "Formal"]);
}

#[tokio::test]
async fn a_move_under_itself_or_its_own_subtree_is_refused() {
    let s = shop().await;
    let a = s.category("A", None).await;
    let b = s.category("B", Some(&a)).await;
    let c = s.category("C", Some(&b)).await;
    for target in [&a, &b, &c] {
        let (status, problem) = s
            .patch(
                &format!("/api/v1/categories/{a}"),
                json!({ "parent_id": target }),
            )
            .await;
        assert_eq!(status, 409, "{problem}");
        assert_eq!(problem["code"], "category_cycle");
    }
    // Nothing moved.
    let (_, crumbs) = s.get(&format!("/api/v1/categories/{c}/breadcrumbs")).await;
    assert_eq!(crumb_names(&crumbs["items"]), ["A", "B", "C"]);
    let (status, problem) = s
        .patch(
            &format!("/api/v1/categories/{b}"),
            json!({ "parent_id": uuid::Uuid::new_v4() }),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "parent_id");
}

/// Two moves that would each pass the cycle check alone (A under B, B
/// under A) cannot both happen: the tree's changes queue on one lock.
#[tokio::test]
async fn crossing_moves_at_once_never_make_a_loop() {
    let s = shop().await;
    for _ in 0..5 {
        let a = s
            .category(&format!("A {}", uuid::Uuid::new_v4()), None)
            .await;
        let b = s
            .category(&format!("B {}", uuid::Uuid::new_v4()), None)
            .await;
        let (path_a, path_b) = (
            format!("/api/v1/categories/{a}"),
            format!("/api/v1/categories/{b}"),
        );
        let (one, two) = tokio::join!(
            s.patch(&path_a, json!({ "parent_id": b })),
            s.patch(&path_b, json!({ "parent_id": a })),
        );
        let mut statuses = [one.0, two.0];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{one:?} {two:?}");
        // Both are still reachable from the top: one is a root, the other under it.
        for id in [&a, &b] {
            let (status, crumbs) = s.get(&format!("/api/v1/categories/{id}/breadcrumbs")).await;
            assert_eq!(status, 200);
            let path: Vec<&str> = crumbs["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap())
                .collect();
            assert!(
                path.len() <= 2 && path.last() == Some(&id.as_str()),
                "{crumbs}"
            );
        }
    }
}

#[tokio::test]
async fn sibling_names_are_unique_in_any_case() {
    let s = shop().await;
    let men = s.category("Men", None).await;
    let women = s.category("Women", None).await;
    s.category("Shirts", Some(&men)).await;
    let women_shirts = s.category("Shirts", Some(&women)).await;
    let (status, problem) = s
        .post(
            "/api/v1/categories",
            json!({ "name": "SHIRTS", "parent_id": men }),
        )
        .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "category_name_taken");
    let (status, _) = s.post("/api/v1/categories", json!({ "name": "men" })).await;
    assert_eq!(status, 409);
    // Moving next to a namesake, or renaming to one, is refused too.
    let (status, problem) = s
        .patch(
            &format!("/api/v1/categories/{women_shirts}"),
            json!({ "parent_id": men }),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("category_name_taken"))
    );
    let (status, _) = s
        .patch(
            &format!("/api/v1/categories/{women}"),
            json!({ "name": "MEN" }),
        )
        .await;
    assert_eq!(status, 409);
    let (status, renamed) = s
        .patch(
            &format!("/api/v1/categories/{women}"),
            json!({ "name": "Ladies", "position": 3 }),
        )
        .await;
    assert_eq!(status, 200, "{renamed}");
    assert_eq!(renamed["name"], "Ladies");
    assert_eq!(renamed["position"], 3);
}

#[tokio::test]
async fn a_category_in_use_is_not_deleted() {
    let s = shop().await;
    let parent = s.category("Parent", None).await;
    let child = s.category("Child", Some(&parent)).await;
    let product = s
        .product(&child, "Thing", 100, json!({ "active": false }))
        .await;

    let (status, problem) = s.delete(&format!("/api/v1/categories/{parent}")).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "category_in_use");
    assert_eq!(problem["subcategories"], 1);
    let (status, problem) = s.delete(&format!("/api/v1/categories/{child}")).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["products"], 1);

    let (status, _) = s.delete(&format!("/api/v1/products/{product}")).await;
    assert_eq!(status, 204);
    assert_eq!(
        s.delete(&format!("/api/v1/categories/{child}")).await.0,
        204
    );
    assert_eq!(
        s.delete(&format!("/api/v1/categories/{parent}")).await.0,
        204
    );
    let (status, problem) = s.get(&format!("/api/v1/categories/{parent}")).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("category_not_found"))
    );
    assert_eq!(
        s.delete(&format!("/api/v1/categories/{parent}")).await.0,
        404
    );
}

#[tokio::test]
async fn names_are_shown_in_the_language_asked_for() {
    let s = shop().await;
    let (status, created) = s
        .post(
            "/api/v1/categories",
            json!({ "name": "Shirts", "translations": { "fa": "پیراهن", "ar": "قمصان", "fr": "Chemises" } }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let cat = id(&created);
    let (_, fa) = s.get(&format!("/api/v1/categories/{cat}?lang=fa")).await;
    assert_eq!(fa["display_name"], "پیراهن");
    assert_eq!(fa["translations"]["ar"], "قمصان");
    let res = s
        .app
        .get(&s.tenant.host, "/api/v1/categories")
        .header("accept-language", "de-DE, fr;q=0.8")
        .send()
        .await
        .unwrap();
    let tree: Value = res.json().await.unwrap();
    assert_eq!(tree["items"][0]["display_name"], "Chemises");
    let (_, plain) = s.get(&format!("/api/v1/categories/{cat}?lang=de")).await;
    assert_eq!(plain["display_name"], "Shirts");

    let (status, problem) = s
        .post(
            "/api/v1/categories",
            json!({ "name": "Hats", "translations": { "de": "Hüte", "fa": "" } }),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["translations.de", "translations.fa"]);
}
