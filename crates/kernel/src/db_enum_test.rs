//! Unit tests of db_enum.rs: names round-trip, and an unknown value, from
//! JSON or from the database, is refused instead of becoming a default.

use diesel::prelude::*;

crate::text_enum! {
    pub enum Light {
        Red => "red",
        Green => "green",
    }
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Text)]
    light: Light,
}

#[test]
fn names_round_trip() {
    for light in Light::ALL {
        assert_eq!(Light::parse(light.as_str()), Some(*light));
        let json = serde_json::to_string(light).unwrap();
        assert_eq!(serde_json::from_str::<Light>(&json).unwrap(), *light);
    }
    assert_eq!(Light::choices(), "red, green");
}

#[test]
fn unknown_names_are_refused() {
    assert_eq!(Light::parse("Red"), None);
    let err = serde_json::from_str::<Light>("\"amber\"").unwrap_err();
    assert!(err.to_string().contains("not one of red, green"), "{err}");
}

/// Needs the test database (`make test` provides it).
#[test]
fn an_unknown_stored_value_is_an_error() {
    let url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        "postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable".into()
    });
    let mut conn = PgConnection::establish(&url).unwrap();
    let known: Row = diesel::sql_query("SELECT 'green' AS light")
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(known.light, Light::Green);
    let unknown = diesel::sql_query("SELECT 'amber' AS light").get_result::<Row>(&mut conn);
    let err = unknown.err().expect("an unknown light must not load");
    assert!(err.to_string().contains("unknown Light \"amber\""), "{err}");
    // Writing goes through the same names.
    let written: Row = diesel::sql_query("SELECT $1 AS light")
        .bind::<diesel::sql_types::Text, _>(Light::Red)
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(written.light, Light::Red);
}
