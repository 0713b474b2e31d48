//! The checkout tests' fixture: an app with a fresh shop, products made by
//! plain SQL in the tenant's schema (the catalog's own API is not what these
//! tests are about), and the calls a shopper makes.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Text, Uuid as SqlUuid};
use kernel::values::SchemaName;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::*;

pub const CARTS: &str = "/api/v1/carts";
pub const COUPONS: &str = "/api/v1/coupons";

/// Runs `f` on a connection bound to the tenant's schema (the one door).
pub fn in_tenant<T>(schema: &str, f: impl FnOnce(&mut PgConnection) -> QueryResult<T>) -> T {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let schema = SchemaName::parse(schema).unwrap();
    kernel::db::with_tenant(&mut conn, &schema, f).unwrap()
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// What a test product is like; `Product::default()` is a 1999-cent EUR
/// item with 10 in stock.
#[derive(Clone)]
pub struct Product {
    pub price_cents: i64,
    pub stock: i32,
    pub currency: &'static str,
    pub requires_prescription: bool,
    pub name: &'static str,
}

impl Default for Product {
    fn default() -> Self {
        Product {
            price_cents: 1999,
            stock: 10,
            currency: "EUR",
            requires_prescription: false,
            name: "Enamel mug",
        }
    }
}

/// A product in a category of its own, with one variant (price on the
/// product, none on the variant): the variant's id.
pub fn insert_product_with_variant(schema: &str, price: i64, stock: i32) -> Uuid {
    insert_product(
        schema,
        &Product {
            price_cents: price,
            stock,
            ..Product::default()
        },
    )
}

pub fn insert_product(schema: &str, p: &Product) -> Uuid {
    let sku = format!("SKU-{}", &Uuid::new_v4().simple().to_string()[..12]);
    in_tenant(schema, |conn| {
        let category = Uuid::new_v4();
        diesel::sql_query("INSERT INTO categories (id, name, path) VALUES ($1, $2, ARRAY[$1])")
            .bind::<SqlUuid, _>(category)
            .bind::<Text, _>(format!("Category {category}"))
            .execute(conn)?;
        let product = Uuid::new_v4();
        diesel::sql_query(
            "INSERT INTO products (id, category_id, name, base_price_cents, currency, requires_prescription)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind::<SqlUuid, _>(product)
        .bind::<SqlUuid, _>(category)
        .bind::<Text, _>(p.name)
        .bind::<BigInt, _>(p.price_cents)
        .bind::<Text, _>(p.currency)
        .bind::<Bool, _>(p.requires_prescription)
        .execute(conn)?;
        diesel::sql_query(
            "INSERT INTO variants (id, product_id, sku, stock, attributes)
             VALUES (gen_random_uuid(), $1, $2, $3, '{\"color\": \"red\"}') RETURNING id",
        )
        .bind::<SqlUuid, _>(product)
        .bind::<Text, _>(&sku)
        .bind::<Integer, _>(p.stock)
        .get_result::<Id>(conn)
        .map(|row| row.id)
    })
}

/// One number from the tenant's schema: `SELECT count(*) AS n ...`, or
/// any bigint named `n`.
pub fn scalar(schema: &str, sql: &str) -> i64 {
    in_tenant(schema, |conn| {
        diesel::sql_query(sql).get_result::<Count>(conn)
    })
    .n
}

pub fn stock_of(schema: &str, variant: Uuid) -> i64 {
    scalar(
        schema,
        &format!("SELECT stock::bigint AS n FROM variants WHERE id = '{variant}'"),
    )
}

pub fn execute(schema: &str, sql: &str) {
    in_tenant(schema, |conn| diesel::sql_query(sql).execute(conn));
}

/// A cart as a guest holds it.
#[derive(Clone, Debug)]
pub struct Cart {
    pub id: String,
    pub token: String,
}

pub struct Shop {
    pub app: TestApp,
    pub tenant: TestTenant,
    /// The owner's bearer token (staff).
    pub staff: String,
}

pub async fn shop() -> Shop {
    let app = spawn_app().await;
    let tenant = provision_tenant("shop");
    let staff = app.owner_token(&tenant);
    Shop { app, tenant, staff }
}

/// A checkout body for `email`, with `coupon` if given.
pub fn order_body(email: &str, coupon: Option<&str>) -> Value {
    let mut body = json!({
        "email": email,
        "name": "Ada Lovelace",
        "phone": "+33 6 12 34 56 78",
        "shipping_address": {
            "line1": "12 rue de la Paix", "city": "Paris", "postal_code": "75002", "country": "FR"
        }
    });
    if let Some(code) = coupon {
        body["coupon"] = json!(code);
    }
    body
}

impl Shop {
    pub fn host(&self) -> &str {
        &self.tenant.host
    }

    pub fn schema(&self) -> &str {
        &self.tenant.schema
    }

    pub fn variant(&self, price: i64, stock: i32) -> Uuid {
        insert_product_with_variant(self.schema(), price, stock)
    }

    pub async fn open_cart(&self) -> Cart {
        let (status, body) = json_of(self.app.post(self.host(), CARTS).send().await.unwrap()).await;
        assert_eq!(status, 201, "{body}");
        Cart {
            id: body["id"].as_str().unwrap().to_string(),
            token: body["token"].as_str().unwrap().to_string(),
        }
    }

    pub async fn add(&self, cart: &Cart, variant: Uuid, quantity: i64) -> (u16, Value) {
        json_of(
            self.app
                .post(self.host(), &format!("{CARTS}/{}/items", cart.id))
                .header("X-Cart-Token", &cart.token)
                .json(&json!({ "variant_id": variant, "quantity": quantity }))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// A new guest cart holding `quantity` of `variant`.
    pub async fn cart_with(&self, variant: Uuid, quantity: i64) -> Cart {
        let cart = self.open_cart().await;
        let (status, body) = self.add(&cart, variant, quantity).await;
        assert_eq!(status, 200, "{body}");
        cart
    }

    pub async fn view(&self, cart: &Cart) -> (u16, Value) {
        json_of(
            self.app
                .get(self.host(), &format!("{CARTS}/{}", cart.id))
                .header("X-Cart-Token", &cart.token)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn checkout(&self, cart: &Cart, body: &Value, key: Option<&str>) -> (u16, Value) {
        let mut req = self
            .app
            .post(self.host(), &format!("{CARTS}/{}/checkout", cart.id))
            .header("X-Cart-Token", &cart.token)
            .json(body);
        if let Some(key) = key {
            req = req.header("Idempotency-Key", key);
        }
        json_of(req.send().await.unwrap()).await
    }

    /// Checks out a new cart of `quantity` x `variant`: the 201 answer.
    pub async fn order(&self, variant: Uuid, quantity: i64, email: &str) -> Value {
        let cart = self.cart_with(variant, quantity).await;
        let (status, order) = self.checkout(&cart, &order_body(email, None), None).await;
        assert_eq!(status, 201, "{order}");
        order
    }

    pub async fn create_coupon(&self, body: Value) -> (u16, Value) {
        json_of(
            self.app
                .post(self.host(), COUPONS)
                .bearer_auth(&self.staff)
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn coupon(&self, body: Value) -> Value {
        let (status, coupon) = self.create_coupon(body).await;
        assert_eq!(status, 201, "{coupon}");
        coupon
    }

    pub fn orders(&self) -> i64 {
        scalar(self.schema(), "SELECT count(*) AS n FROM orders")
    }

    pub fn stock(&self, variant: Uuid) -> i64 {
        stock_of(self.schema(), variant)
    }
}
