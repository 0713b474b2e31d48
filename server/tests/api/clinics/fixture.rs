//! The clinic tests' fixture: an app, a clinic tenant and its owner's
//! token, the patients API at hand, and the access log read straight from
//! the tenant's schema.

use diesel::prelude::*;
use serde_json::{json, Value};

use crate::support::*;

pub const PATIENTS: &str = "/api/v1/patients";

pub struct Clinic {
    pub app: TestApp,
    pub tenant: TestTenant,
    pub token: String,
}

pub async fn clinic() -> Clinic {
    let app = spawn_app().await;
    let tenant = provision_tenant("clinic");
    let token = app.owner_token(&tenant);
    Clinic { app, tenant, token }
}

/// A tenant on a plan of its own allowing `patients` patients.
pub fn clinic_on_patient_plan(patients: i64) -> TestTenant {
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let code = format!("p{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
    diesel::sql_query(format!(
        "INSERT INTO plans (code, name, price_cents, limits, features) \
         VALUES ('{code}', 'Small practice', 900, '{{\"patients\": {patients}}}', '{{}}')"
    ))
    .execute(&mut conn)
    .unwrap();
    let slug = random_slug("clin");
    let owner = format!("owner@{slug}.example.com");
    provision_on_plan(&mut conn, slug, owner, &code).0
}

impl Clinic {
    pub async fn call(&self, req: reqwest::RequestBuilder) -> (u16, Value) {
        json_of(req.bearer_auth(&self.token).send().await.unwrap()).await
    }

    pub async fn create(&self, body: Value) -> (u16, Value) {
        self.call(self.app.post(&self.tenant.host, PATIENTS).json(&body))
            .await
    }

    pub async fn created(&self, name: &str) -> Value {
        let (status, patient) = self.create(json!({ "name": name })).await;
        assert_eq!(status, 201, "{patient}");
        patient
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(self.app.get(&self.tenant.host, path)).await
    }

    pub async fn post(&self, path: &str) -> (u16, Value) {
        self.call(self.app.post(&self.tenant.host, path)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(self.app.patch(&self.tenant.host, path).json(&body))
            .await
    }

    /// The patient's access rows as stored: (action, succeeded), oldest first.
    pub fn access_rows(&self, patient_id: &str) -> Vec<(String, bool)> {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            action: String,
            #[diesel(sql_type = diesel::sql_types::Bool)]
            succeeded: bool,
        }
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        let rows: Vec<Row> = diesel::sql_query(format!(
            "SELECT action, succeeded FROM \"{}\".patient_access_log \
             WHERE patient_id = $1 ORDER BY id",
            self.tenant.schema
        ))
        .bind::<diesel::sql_types::Uuid, _>(uuid::Uuid::parse_str(patient_id).unwrap())
        .load(&mut conn)
        .unwrap();
        rows.into_iter().map(|r| (r.action, r.succeeded)).collect()
    }

    /// Every access row of the tenant, whatever the patient.
    pub fn all_access_rows(&self) -> i64 {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        diesel::sql_query(format!(
            "SELECT count(*) AS n FROM \"{}\".patient_access_log",
            self.tenant.schema
        ))
        .get_result::<Count>(&mut conn)
        .unwrap()
        .n
    }
}

pub fn id_of(patient: &Value) -> String {
    patient["id"].as_str().unwrap().to_string()
}
