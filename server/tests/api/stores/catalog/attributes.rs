//! Attributes: inherited by subcategories, codes unique along a branch,
//! product and variant values checked against them.

use serde_json::{json, Value};

use super::{id, shop, Shop};

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

/// Clothing (colour, a variant attribute) > Shirts (size, variant and
/// required; material, a required product attribute).
async fn clothing(s: &Shop) -> (String, String) {
    let clothing = s.category("Clothing", None).await;
    let shirts = s.category("Shirts", Some(&clothing)).await;
    s.attribute(
        &clothing,
        json!({
            "code": "color", "name": "Colour", "kind": "color", "variant": true,
            "translations": {"fa": "رنگ"},
            "options": [{"value": "red", "hex": "#ff0000"}, {"value": "blue", "hex": "#0000FF"}]
        }),
    )
    .await;
    s.attribute(
        &shirts,
        json!({"code": "size", "name": "Size", "kind": "size", "variant": true, "required": true,
               "options": [{"value": "S"}, {"value": "M"}, {"value": "L"}]}),
    )
    .await;
    s.attribute(
        &shirts,
        json!({"code": "material", "name": "Material", "kind": "text", "required": true}),
    )
    .await;
    (clothing, shirts)
}

#[tokio::test]
async fn subcategories_inherit_their_parents_attributes() {
    let s = shop().await;
    let (clothing, shirts) = clothing(&s).await;
    let (status, list) = s
        .get(&format!("/api/v1/categories/{shirts}/attributes?lang=fa"))
        .await;
    assert_eq!(status, 200, "{list}");
    let items = list["items"].as_array().unwrap();
    let codes: Vec<&str> = items.iter().map(|a| a["code"].as_str().unwrap()).collect();
    // Top-level category's first; then by position, then code.
    assert_eq!(codes, ["color", "material", "size"]);
    assert_eq!(items[0]["inherited"], true);
    assert_eq!(items[0]["category_id"], clothing.as_str());
    assert_eq!(items[0]["display_name"], "رنگ");
    assert_eq!(
        items[0]["options"][1],
        json!({"value": "blue", "hex": "#0000ff"})
    );
    assert_eq!(items[2]["inherited"], false);
    let (_, top) = s
        .get(&format!("/api/v1/categories/{clothing}/attributes"))
        .await;
    assert_eq!(top["items"].as_array().unwrap().len(), 1);

    // A code is unique along the branch: above, below and on the category.
    for on in [&shirts, &clothing] {
        let (status, problem) = s
            .post(
                &format!("/api/v1/categories/{on}/attributes"),
                json!({"code": if on == &shirts { "color" } else { "size" }, "name": "X", "kind": "text"}),
            )
            .await;
        assert_eq!(status, 409, "{problem}");
        assert_eq!(problem["code"], "attribute_code_taken");
    }
    // A sibling branch may use it.
    let hats = s.category("Hats", Some(&clothing)).await;
    s.attribute(
        &hats,
        json!({"code": "size", "name": "Hat size", "kind": "number"}),
    )
    .await;
    // Moving Hats (size) under Shirts (size) would define it twice.
    let (status, problem) = s
        .patch(
            &format!("/api/v1/categories/{hats}"),
            json!({"parent_id": shirts}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("attribute_code_taken"))
    );

    let (status, problem) = s
        .post(
            &format!("/api/v1/categories/{clothing}/attributes"),
            json!({"code": "Shade", "name": "", "kind": "colour",
                   "options": [{"value": "red"}]}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["code", "name", "kind"]);
    let (status, problem) = s
        .post(
            &format!("/api/v1/categories/{clothing}/attributes"),
            json!({"code": "shade", "name": "Shade", "kind": "color",
                   "options": [{"value": "red"}, {"value": "teal", "hex": "#12345"}]}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["options[0].hex", "options[1].hex"]);
}

#[tokio::test]
async fn product_and_variant_values_are_checked_against_the_category() {
    let s = shop().await;
    let (_, shirts) = clothing(&s).await;
    let base = json!({"name": "Oxford", "category_id": shirts, "base_price_cents": 4500, "currency": "EUR"});

    let mut missing = base.clone();
    missing["attributes"] = json!({"color": "red", "fit": "slim"});
    let (status, problem) = s.post("/api/v1/products", missing).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        fields(&problem),
        ["attributes.color", "attributes.fit", "attributes.material"]
    );
    let mut good = base.clone();
    good["attributes"] = json!({"material": " cotton "});
    let (status, product) = s.post("/api/v1/products", good).await;
    assert_eq!(status, 201, "{product}");
    assert_eq!(product["attributes"], json!({"material": "cotton"}));
    let product = id(&product);
    let variants = format!("/api/v1/products/{product}/variants");

    for (values, expected) in [
        (
            json!({"color": "green", "size": "M"}),
            vec!["attributes.color"],
        ),
        (json!({"color": "red"}), vec!["attributes.size"]),
        (
            json!({"color": "red", "size": "M", "material": "silk"}),
            vec!["attributes.material"],
        ),
        (
            json!({"color": 7, "size": "XXL"}),
            vec!["attributes.color", "attributes.size"],
        ),
    ] {
        let (status, problem) = s
            .post(
                &variants,
                json!({"sku": "OX-1", "stock": 1, "attributes": values}),
            )
            .await;
        assert_eq!(status, 422, "{values}: {problem}");
        assert_eq!(fields(&problem), expected, "{values}");
    }
    let variant = s
        .variant(
            &product,
            json!({"sku": "OX-RED-M", "stock": 3, "attributes": {"color": "RED", "size": "m"}}),
        )
        .await;
    assert_eq!(variant["attributes"], json!({"color": "red", "size": "M"}));
    assert_eq!(variant["unit_price_cents"], 4500);
    // The same values again are the same variant.
    let (status, problem) = s
        .post(
            &variants,
            json!({"sku": "OX-RED-M-2", "stock": 1, "attributes": {"color": "red", "size": "M"}}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("variant_exists"))
    );
    let other = s
        .variant(
            &product,
            json!({"sku": "OX-BLUE-M", "stock": 0, "price_cents": 5000, "attributes": {"color": "blue", "size": "M"}}),
        )
        .await;
    let (status, problem) = s
        .patch(
            &format!("/api/v1/variants/{}", id(&other)),
            json!({"attributes": {"color": "red", "size": "M"}}),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("variant_exists"))
    );

    // A product moved to a category whose attributes its variants do not
    // have is refused, with each variant's problem.
    let plain = s.category("Plain", None).await;
    let (status, problem) = s
        .patch(
            &format!("/api/v1/products/{product}"),
            json!({"category_id": plain}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    let messages: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("variant OX-RED-M")),
        "{problem}"
    );
}

#[tokio::test]
async fn deleting_an_attribute_clears_product_values_but_not_variant_ones() {
    let s = shop().await;
    let (clothing, shirts) = clothing(&s).await;
    let product = s
        .product(
            &shirts,
            "Linen",
            3000,
            json!({"attributes": {"material": "linen"}}),
        )
        .await;
    s.variant(
        &product,
        json!({"sku": "LIN-S", "stock": 1, "attributes": {"size": "S"}}),
    )
    .await;

    let (status, problem) = s
        .delete(&format!("/api/v1/categories/{shirts}/attributes/size"))
        .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "attribute_in_use");
    // Inherited attributes are changed where they are defined.
    let (status, problem) = s
        .delete(&format!("/api/v1/categories/{shirts}/attributes/color"))
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("attribute_not_found"))
    );

    let (status, _) = s
        .delete(&format!("/api/v1/categories/{shirts}/attributes/material"))
        .await;
    assert_eq!(status, 204);
    let (_, detail) = s.get(&format!("/api/v1/products/{product}")).await;
    assert_eq!(detail["attributes"], json!({}));

    let (status, changed) = s
        .patch(
            &format!("/api/v1/categories/{clothing}/attributes/color"),
            json!({"required": true, "options": [{"value": "green", "hex": "#00ff00"}]}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["required"], true);
    assert_eq!(
        changed["options"],
        json!([{"value": "green", "hex": "#00ff00"}])
    );
    let (status, problem) = s
        .patch(
            &format!("/api/v1/categories/{clothing}/attributes/color"),
            json!({"kind": "text"}),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
}
