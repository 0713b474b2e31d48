//! A clinic for the documents and invoices tests: a tenant (on a plan of
//! the test's choosing), its owner's and a staff member's tokens, patients
//! written straight into its schema, and its access log read back.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Uuid as SqlUuid};
use kernel::schema::tenant::{customer_accounts, customers};
use kernel::values::SchemaName;
use serde_json::Value;
use uuid::Uuid;

use crate::support::*;

pub struct Clinic {
    pub app: TestApp,
    pub tenant: TestTenant,
    pub staff: String,
}

/// Who makes a request.
#[derive(Clone, Copy)]
pub enum As<'a> {
    Staff,
    Bearer(&'a str),
}

impl Clinic {
    /// A clinic on the Pro plan (documents included).
    pub async fn new() -> Clinic {
        let app = spawn_app().await;
        let tenant = provision_tenant("clinic");
        Clinic::with(app, tenant)
    }

    /// A clinic whose server asks the card payment provider at `api_url`.
    pub async fn with_payments_api(api_url: String) -> Clinic {
        let app = spawn_app_with(move |s| s.stores.payments_api_url = api_url).await;
        let tenant = provision_tenant("clinic");
        Clinic::with(app, tenant)
    }

    /// A clinic on a plan of its own with `limits` and `features`.
    pub async fn on_plan(limits: &str, features: &str) -> Clinic {
        let app = spawn_app().await;
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        let code = format!("c{}", &Uuid::new_v4().simple().to_string()[..10]);
        diesel::sql_query(format!(
            "INSERT INTO plans (code, name, price_cents, limits, features) \
             VALUES ('{code}', 'Small practice', 900, '{limits}', '{features}')"
        ))
        .execute(&mut conn)
        .unwrap();
        let slug = random_slug("clinic");
        let owner = format!("owner@{slug}.example.com");
        let (tenant, _) = provision_on_plan(&mut conn, slug, owner, &code);
        Clinic::with(app, tenant)
    }

    fn with(app: TestApp, tenant: TestTenant) -> Clinic {
        let staff = app.member_token(&tenant, identity::Role::Staff);
        Clinic { app, tenant, staff }
    }

    /// Runs `f` on the tenant's schema, committed.
    pub fn sql<T>(&self, f: impl FnOnce(&mut PgConnection) -> QueryResult<T>) -> T {
        let mut conn = PgConnection::establish(&self.app.app_state.settings.database_url).unwrap();
        let schema = SchemaName::parse(&self.tenant.schema).unwrap();
        kernel::db::with_tenant(&mut conn, &schema, f).unwrap()
    }

    /// A new patient, as the patients API would leave one.
    pub fn patient(&self, name: &str) -> Uuid {
        let id = Uuid::new_v4();
        self.sql(|conn| {
            diesel::sql_query("INSERT INTO patients (id, name) VALUES ($1, $2)")
                .bind::<SqlUuid, _>(id)
                .bind::<diesel::sql_types::Text, _>(name)
                .execute(conn)
        });
        id
    }

    /// A customer account of this clinic, and its token.
    pub fn customer(&self) -> String {
        let id = Uuid::new_v4();
        let email = unique_email("patient");
        self.sql(|conn| {
            diesel::insert_into(customers::table)
                .values((
                    customers::id.eq(id),
                    customers::name.eq("Pat Ient"),
                    customers::email.eq(&email),
                ))
                .execute(conn)?;
            diesel::insert_into(customer_accounts::table)
                .values((
                    customer_accounts::customer_id.eq(id),
                    customer_accounts::email.eq(&email),
                    customer_accounts::password_hash.eq("not-a-hash"),
                ))
                .execute(conn)
        });
        self.app
            .token_as(&self.tenant, id, identity::Role::Customer)
    }

    /// The patient's access rows as (action, succeeded), oldest first.
    pub fn access_log(&self, patient: Uuid) -> Vec<(String, bool)> {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            action: String,
            #[diesel(sql_type = diesel::sql_types::Bool)]
            succeeded: bool,
        }
        self.sql(|conn| {
            diesel::sql_query(
                "SELECT action, succeeded FROM patient_access_log WHERE patient_id = $1 ORDER BY id",
            )
            .bind::<SqlUuid, _>(patient)
            .load::<Row>(conn)
        })
        .into_iter()
        .map(|r| (r.action, r.succeeded))
        .collect()
    }

    pub fn count(&self, sql: &str) -> i64 {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        self.sql(|conn| diesel::sql_query(sql).get_result::<N>(conn))
            .n
    }

    fn token<'a>(&'a self, who: As<'a>) -> &'a str {
        match who {
            As::Staff => &self.staff,
            As::Bearer(token) => token,
        }
    }

    pub async fn get(&self, path: &str, who: As<'_>) -> (u16, Value) {
        let req = self
            .app
            .get(&self.tenant.host, path)
            .bearer_auth(self.token(who));
        json_of(req.send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, who: As<'_>, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .app
            .post(&self.tenant.host, path)
            .bearer_auth(self.token(who));
        if let Some(body) = body {
            req = req.json(&body);
        }
        json_of(req.send().await.unwrap()).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        let req = self
            .app
            .patch(&self.tenant.host, path)
            .bearer_auth(&self.staff)
            .json(&body);
        json_of(req.send().await.unwrap()).await
    }
}
