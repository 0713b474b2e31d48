//! The shop's pages over plain HTTP: a shop made through the catalog API
//! (a category tree with a colour attribute, a shirt in two colours, one
//! of them sold out), a visitor whose cookies are kept between requests,
//! and the home, list, search and product pages, with crafted input.

use diesel::prelude::*;
use kernel::values::SchemaName;
use reqwest::header::{ACCEPT, COOKIE, LOCATION, SET_COOKIE};
use serde_json::{json, Value};

use super::sessions::csrf_field;
use crate::support::*;

/// The shop every test here starts from.
pub struct Store {
    pub app: TestApp,
    pub tenant: TestTenant,
    /// The owner's bearer token.
    pub staff: String,
    pub clothing: String,
    pub shirts: String,
    pub shirt: String,
    /// 3 in stock, at the shirt's base price (19.99 EUR).
    pub red: String,
    /// Sold out, at 24.99 EUR.
    pub blue: String,
}

pub fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_string()
}

impl Store {
    pub fn host(&self) -> &str {
        &self.tenant.host
    }

    /// A call of the JSON API as the owner.
    pub async fn api(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self
            .app
            .client
            .request(method, self.app.url(path))
            .header(reqwest::header::HOST, self.host())
            .bearer_auth(&self.staff);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let (status, answer) = json_of(req.send().await.unwrap()).await;
        assert!((200..300).contains(&status), "{path}: {status} {answer}");
        answer
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.api(reqwest::Method::POST, path, Some(body)).await
    }

    /// A product in `category` with one variant per (sku, stock, colour,
    /// price): the product's id and its variants' ids.
    pub async fn product(
        &self,
        category: &str,
        body: Value,
        variants: &[(&str, i64, &str, Option<i64>)],
    ) -> (String, Vec<String>) {
        let mut b = json!({"category_id": category, "currency": "EUR"});
        b.as_object_mut()
            .unwrap()
            .extend(body.as_object().unwrap().clone());
        let product = id(&self.post("/api/v1/products", b).await);
        let mut ids = Vec::new();
        for (sku, stock, colour, price) in variants {
            let v = self
                .post(
                    &format!("/api/v1/products/{product}/variants"),
                    json!({"sku": sku, "stock": stock, "attributes": {"color": colour},
                           "price_cents": price}),
                )
                .await;
            ids.push(id(&v));
        }
        (product, ids)
    }

    /// Runs SQL in the shop's schema.
    pub fn sql(&self, sql: &str) {
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        let schema = SchemaName::parse(&self.tenant.schema).unwrap();
        kernel::db::with_tenant(&mut conn, &schema, |conn| {
            diesel::sql_query(sql).execute(conn)
        })
        .unwrap();
    }

    pub fn count(&self, sql: &str) -> i64 {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        let schema = SchemaName::parse(&self.tenant.schema).unwrap();
        kernel::db::with_tenant(&mut conn, &schema, |conn| {
            diesel::sql_query(sql).get_result::<N>(conn)
        })
        .unwrap()
        .n
    }

    pub fn visitor(&self) -> Visitor<'_> {
        Visitor {
            app: &self.app,
            host: self.host().to_string(),
            jar: Vec::new(),
        }
    }
}

/// Clothing > Shirts, a variant attribute `color`, and a linen shirt named
/// in four languages with two pictures: red (3 left), blue (sold out).
pub async fn store_on(app: TestApp) -> Store {
    let tenant = provision_tenant("shopfront");
    let staff = app.owner_token(&tenant);
    let mut s = Store {
        app,
        tenant,
        staff,
        clothing: String::new(),
        shirts: String::new(),
        shirt: String::new(),
        red: String::new(),
        blue: String::new(),
    };
    s.clothing = id(&s
        .post(
            "/api/v1/categories",
            json!({"name": "Clothing", "translations": {"fr": "Vêtements", "fa": "پوشاک", "ar": "ملابس"}}),
        )
        .await);
    s.shirts = id(&s
        .post(
            "/api/v1/categories",
            json!({"name": "Shirts", "parent_id": s.clothing, "translations": {"fa": "پیراهن‌ها"}}),
        )
        .await);
    s.post(
        &format!("/api/v1/categories/{}/attributes", s.clothing),
        json!({"code": "color", "name": "Colour", "translations": {"fr": "Couleur", "fa": "رنگ"},
               "kind": "color", "variant": true,
               "options": [{"value": "red", "hex": "#ff0000"}, {"value": "blue", "hex": "#0000ff"}]}),
    )
    .await;
    let (shirt, variants) = s
        .product(
            &s.shirts.clone(),
            json!({"name": "Linen shirt", "base_price_cents": 1999,
                   "description": "A light shirt of washed linen.",
                   "translations": {"fr": {"name": "Chemise en lin"}, "fa": {"name": "پیراهن کتان"},
                                    "ar": {"name": "قميص كتان"}},
                   "images": ["https://img.example.com/shirt-front.jpg",
                              "https://img.example.com/shirt-back.jpg"]}),
            &[
                ("SHIRT-RED", 3, "red", None),
                ("SHIRT-BLUE", 0, "blue", Some(2499)),
            ],
        )
        .await;
    s.shirt = shirt;
    s.red = variants[0].clone();
    s.blue = variants[1].clone();
    s
}

pub async fn store() -> Store {
    store_on(spawn_app().await).await
}

/// What a page answered.
pub struct Answer {
    pub status: u16,
    pub html: String,
    pub location: String,
    /// The Set-Cookie headers, as sent.
    pub set_cookies: Vec<String>,
}

impl Answer {
    pub fn set_cookie(&self, name: &str) -> Option<&String> {
        self.set_cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }
}

/// A browser without JavaScript: it keeps the cookies it is given.
pub struct Visitor<'a> {
    pub app: &'a TestApp,
    pub host: String,
    pub jar: Vec<(String, String)>,
}

impl Visitor<'_> {
    pub fn cookies(&self) -> String {
        self.jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.jar
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Keeps a cookie as a browser would for the pages it then visits
    /// (paths aside: tests ask for the pages a cookie is for).
    pub fn set(&mut self, name: &str, value: &str) {
        self.jar.retain(|(k, _)| k != name);
        if !value.is_empty() {
            self.jar.push((name.to_string(), value.to_string()));
        }
    }

    async fn answer(&mut self, res: reqwest::Response) -> Answer {
        let set_cookies: Vec<String> = res
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect();
        for c in &set_cookies {
            let pair = c.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let removed = c.to_ascii_lowercase().contains("max-age=0");
            self.set(name, if removed { "" } else { value });
        }
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        Answer {
            status,
            html: plain(&res.text().await.unwrap()),
            location,
            set_cookies,
        }
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        let res = self
            .app
            .get(&self.host, path)
            .header(ACCEPT, "text/html")
            .header(COOKIE, self.cookies())
            .send()
            .await
            .unwrap();
        self.answer(res).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let res = self
            .app
            .post(&self.host, path)
            .header(ACCEPT, "text/html")
            .header(COOKIE, self.cookies())
            .form(form)
            .send()
            .await
            .unwrap();
        self.answer(res).await
    }

    /// The CSRF token of the forms, from a page that has one.
    pub async fn csrf(&mut self) -> String {
        let page = self.get("/account/login").await;
        csrf_field(&page.html)
    }

    /// Puts `quantity` of `variant` of `product` in the cart.
    pub async fn add(&mut self, product: &str, variant: &str, quantity: &str) -> Answer {
        let csrf = self.csrf().await;
        self.post(
            "/shop/cart/items",
            &[
                ("csrf_token", &csrf),
                ("product_id", product),
                ("variant_id", variant),
                ("quantity", quantity),
            ],
        )
        .await
    }

    /// Signs a customer in through the pages.
    pub async fn sign_in(&mut self, path: &str, email: &str, password: &str) -> Answer {
        let login = self.get(path).await;
        let csrf = csrf_field(&login.html);
        self.post(
            path,
            &[
                ("email", email),
                ("password", password),
                ("csrf_token", &csrf),
            ],
        )
        .await
    }
}

/// The text without the directional isolates Fluent puts around each
/// argument, so a test reads "3 left" as a person does.
pub fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

/// Whether the page is the 404 page (as a browser gets it).
pub fn is_not_found(a: &Answer) -> bool {
    a.status == 404 && a.html.contains("Page not found")
}

#[tokio::test]
async fn the_home_page_shows_the_shop_and_a_shop_without_services_no_services_notice() {
    let s = store().await;
    s.api(
        reqwest::Method::PATCH,
        &format!("/api/v1/products/{}", s.shirt),
        Some(json!({"featured": true})),
    )
    .await;
    let mut v = s.visitor();
    let home = v.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.html.contains("id=\"shop-title\""), "{}", home.html);
    assert!(home
        .html
        .contains(&format!("href=\"/shop/c/{}\"", s.clothing)));
    assert!(home.html.contains(&format!("href=\"/shop/p/{}\"", s.shirt)));
    assert!(home.html.contains("Linen shirt"));
    assert!(home.html.contains("Featured"));
    assert!(home.html.contains("action=\"/shop/search\""));
    assert!(!home.html.contains("Nothing can be booked online yet."));
    // In French, the names the catalog has in French.
    let fr = v.get("/?lang=fr").await;
    assert!(fr.html.contains("Chemise en lin"), "{}", fr.html);
    assert!(fr.html.contains("Vêtements"));

    // A site that sells nothing looks as it did.
    let other = provision_tenant("noshop");
    let plain = s.app.get(&other.host, "/").header(ACCEPT, "text/html");
    let html = plain.send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("shop-title"), "{html}");
    assert!(html.contains("Nothing can be booked online yet."));
}

#[tokio::test]
async fn lists_show_breadcrumbs_subcategories_filters_and_search() {
    let s = store().await;
    let mut v = s.visitor();
    let all = v.get("/shop").await;
    assert_eq!(all.status, 200);
    assert!(all.html.contains("Linen shirt"));
    assert!(all
        .html
        .contains(&format!("href=\"/shop/c/{}\"", s.clothing)));
    assert!(all.html.contains("From 19.99"), "{}", all.html);

    let clothing = v.get(&format!("/shop/c/{}", s.clothing)).await;
    assert_eq!(clothing.status, 200);
    assert!(
        clothing.html.contains("<h1>Clothing</h1>"),
        "{}",
        clothing.html
    );
    assert!(clothing.html.contains("aria-current=\"page\">Clothing"));
    assert!(clothing
        .html
        .contains(&format!("href=\"/shop/c/{}\"", s.shirts)));
    // The facets: the attribute's name and its values.
    assert!(clothing.html.contains("<legend>Colour</legend>"));
    assert!(clothing.html.contains("value=\"color:red\""));
    assert!(clothing.html.contains("Linen shirt"));

    let shirts = v.get(&format!("/shop/c/{}", s.shirts)).await;
    assert!(shirts
        .html
        .contains(&format!("href=\"/shop/c/{}\"", s.clothing)));

    // Filters: only blue in stock is nothing (blue is sold out).
    let none = v
        .get(&format!(
            "/shop/c/{}?attr=color%3Ablue&in_stock=1&sort=price_asc",
            s.clothing
        ))
        .await;
    assert_eq!(none.status, 200);
    assert!(none.html.contains("id=\"no-results\""));
    assert!(none.html.contains("value=\"color:blue\" checked"));
    let cheap = v.get("/shop?min=1&max=20.5&sort=popular").await;
    assert!(cheap.html.contains("Linen shirt"));
    let dear = v.get("/shop?min=30").await;
    assert!(dear.html.contains("id=\"no-results\""));

    let found = v.get("/shop/search?q=linen").await;
    assert_eq!(found.status, 200);
    assert!(found.html.contains("Linen shirt"), "{}", found.html);
    assert!(found.html.contains("value=\"relevance\" selected"));
    let nothing = v.get("/shop/search?q=submarine").await;
    assert!(nothing.html.contains("id=\"no-results\""));
    let blank = v.get("/shop/search").await;
    assert!(blank.html.contains("id=\"no-words\""));
    // The words are shown back escaped, never as markup.
    let crafted = v
        .get("/shop/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert_eq!(crafted.status, 200);
    assert!(!crafted.html.contains("<script>alert"));
}

#[tokio::test]
async fn crafted_ids_are_the_404_page_and_junk_queries_the_400_page() {
    let s = store().await;
    let mut v = s.visitor();
    let unknown = uuid::Uuid::new_v4();
    for path in [
        format!("/shop/c/{unknown}"),
        "/shop/c/not-an-id".to_string(),
        format!("/shop/p/{unknown}"),
        "/shop/p/%00".to_string(),
        format!("/shop/orders/{unknown}"),
        "/shop/orders/1".to_string(),
    ] {
        let a = v.get(&path).await;
        assert!(is_not_found(&a), "{path}: {} {}", a.status, a.html);
    }
    for path in [
        "/shop?cursor=junk",
        "/shop?min=lots",
        "/shop?sort=sideways",
        "/shop?min=30&max=10",
        "/shop?attr=nocolon",
    ] {
        let a = v.get(path).await;
        assert_eq!(a.status, 400, "{path}: {}", a.html);
        assert!(
            a.html.contains("Something is wrong with this request"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_follow_the_catalogs_cursor() {
    let app = spawn_app().await;
    let tenant = provision_tenant("shoppages");
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    kernel::db::with_tenant(&mut conn, &schema, |conn| {
        stores::catalog::demo::seed(conn, 30)
            .map_err(|e| diesel::result::Error::QueryBuilderError(e.to_string().into()))
    })
    .unwrap();
    let mut v = Visitor {
        app: &app,
        host: tenant.host.clone(),
        jar: Vec::new(),
    };
    let first = v.get("/shop?sort=newest").await;
    assert_eq!(first.html.matches("class=\"product-card\"").count(), 24);
    let marker = "id=\"next-page\"";
    assert!(first.html.contains(marker), "{}", first.html);
    let href = first.html.split(" rel=\"next\"").next().unwrap();
    let href = href
        .rsplit("href=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let href = href.replace("&#38;", "&").replace("&amp;", "&");
    assert!(href.starts_with("/shop?sort=newest&cursor="), "{href}");
    let second = v.get(&href).await;
    assert_eq!(second.status, 200);
    assert_eq!(second.html.matches("class=\"product-card\"").count(), 6);
    assert!(!second.html.contains(marker));
}

#[tokio::test]
async fn a_product_shows_its_gallery_and_a_variant_picker_with_stock() {
    let s = store().await;
    let mut v = s.visitor();
    let page = v.get(&format!("/shop/p/{}", s.shirt)).await;
    assert_eq!(page.status, 200);
    let html = &page.html;
    assert!(html.contains("class=\"main-image\" src=\"https://img.example.com/shirt-front.jpg\""));
    assert!(html.contains("href=\"?image=2#gallery\""), "{html}");
    assert!(html.contains("A light shirt of washed linen."));
    assert!(html.contains("From 19.99"));
    // One radio per variant, named by its colour, with price and stock.
    assert!(
        html.contains(&format!("value=\"{}\" checked", s.red)),
        "{html}"
    );
    assert!(html.contains("Colour: red"));
    assert!(html.contains("3 left"));
    assert!(html.contains(&format!("value=\"{}\" disabled", s.blue)));
    assert!(html.contains("Out of stock"));
    assert!(html.contains("24.99 EUR"));
    assert!(!html.contains("prescription-note"));
    // The second picture, chosen by a plain link.
    let second = v.get(&format!("/shop/p/{}?image=2", s.shirt)).await;
    assert!(second
        .html
        .contains("class=\"main-image\" src=\"https://img.example.com/shirt-back.jpg\""));

    // A prescription product says one will be asked for.
    let (pill, _) = s
        .product(
            &s.shirts.clone(),
            json!({"name": "Pills", "base_price_cents": 500, "requires_prescription": true}),
            &[("PILL-1", 5, "red", None)],
        )
        .await;
    let pills = v.get(&format!("/shop/p/{pill}")).await;
    assert!(pills.html.contains("id=\"prescription-note\""));
}

#[tokio::test]
async fn arabic_and_persian_pages_are_right_to_left_with_their_digits() {
    let s = store().await;
    let mut v = s.visitor();
    let fa = v.get(&format!("/shop/p/{}?lang=fa", s.shirt)).await;
    assert!(
        fa.html.contains("<html lang=\"fa\" dir=\"rtl\">"),
        "{}",
        fa.html
    );
    assert!(fa.html.contains("پیراهن کتان"));
    // 19.99 in Persian digits with the Persian decimal separator.
    assert!(fa.html.contains("۱۹٫۹۹"), "{}", fa.html);
    assert!(fa.html.contains("۳ عدد مانده"), "{}", fa.html);
    let list = v.get("/shop").await;
    assert!(
        list.html.contains("dir=\"rtl\""),
        "the language is remembered"
    );
    assert!(list.html.contains("۱۹٫۹۹"));
    let ar = v.get(&format!("/shop/c/{}?lang=ar", s.clothing)).await;
    assert!(ar.html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(ar.html.contains("ملابس"));
    assert!(ar.html.contains("١٩٫٩٩"), "{}", ar.html);
}
