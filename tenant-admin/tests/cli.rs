//! tenant-admin end to end: the real binary against the real test database.
//! Every test uses its own random tenants; other tests (here and in other
//! crates) create tenants in the same database at the same time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use diesel::prelude::*;
use serde_json::Value;

#[test]
fn round_trip_create_list_show_migrate_suspend_resume_domains_delete() {
    let slug = random_slug("trip");
    let first = format!("shop-{slug}.example.com");
    let second = format!("www.{slug}.example.org");
    let owner = format!("owner@{slug}.example.com");
    let created = admin(&[
        "create",
        &slug,
        "--name",
        "Round Trip Clinic",
        "--domain",
        &first,
        "--owner-email",
        &owner,
        "--owner-password",
        OWNER_PASSWORD,
    ])
    .success();
    assert!(created.stdout.contains(&format!("created tenant {slug}")));
    assert!(created.stdout.contains(" ms"), "{}", created.stdout);
    assert!(created.stdout.contains(&first));

    // Idempotent: the same create again changes nothing and succeeds.
    let again = admin(&["create", &slug, "--name", "Other"]).success();
    assert!(again.stdout.contains("already exists"), "{}", again.stdout);

    let listed: Value = serde_json::from_str(&admin(&["list", "--json"]).success().stdout).unwrap();
    let entry = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == slug.as_str())
        .expect("new tenant listed");
    assert_eq!(entry["status"], "active");
    assert_eq!(entry["domains"][0]["host"], first.as_str());
    let table = admin(&["list"]).success();
    assert!(table.stdout.lines().any(|l| l.starts_with(&slug)));

    let shown = show_json(&slug);
    assert_eq!(shown["slug"], slug.as_str());
    assert_eq!(shown["schema"], schema_of(&slug).as_str());
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["name"], "Round Trip Clinic");
    assert_eq!(shown["plan"], "basic");
    assert_eq!(shown["members"], 1);
    assert!(!shown["schema_version"].as_str().unwrap().is_empty());
    assert!(shown["created_at"].is_string());
    assert_eq!(
        shown["domains"],
        serde_json::json!([{ "host": first, "primary": true }])
    );

    let migrated = admin(&["migrate", &slug]).success();
    assert!(
        migrated.stdout.contains("nothing to migrate"),
        "{}",
        migrated.stdout
    );

    let suspended = admin(&["suspend", &slug]).success();
    assert!(
        suspended.stdout.contains("suspended tenant"),
        "{}",
        suspended.stdout
    );
    assert_eq!(show_json(&slug)["status"], "suspended");
    let twice = admin(&["suspend", &slug]).success();
    assert!(
        twice.stdout.contains("already suspended"),
        "{}",
        twice.stdout
    );
    admin(&["resume", &slug]).success();
    assert_eq!(show_json(&slug)["status"], "active");

    let added = admin(&["domain", "add", &slug, &second]).success();
    assert!(added.stdout.contains("added domain"), "{}", added.stdout);
    let again = admin(&["domain", "add", &slug, &second.to_uppercase()]).success();
    assert!(again.stdout.contains("already has"), "{}", again.stdout);
    assert_eq!(
        show_json(&slug)["domains"],
        serde_json::json!([{ "host": first, "primary": true }, { "host": second, "primary": false }])
    );
    admin(&["domain", "primary", &second]).success();
    assert_eq!(
        show_json(&slug)["domains"],
        serde_json::json!([{ "host": second, "primary": true }, { "host": first, "primary": false }])
    );
    let removed = admin(&["domain", "remove", &second]).success();
    assert!(removed
        .stdout
        .contains(&format!("{first} is now the primary")));
    assert_eq!(
        show_json(&slug)["domains"],
        serde_json::json!([{ "host": first, "primary": true }])
    );
    let gone = admin(&["domain", "remove", &second]).success();
    assert!(gone.stdout.contains("not registered"), "{}", gone.stdout);

    let refused = admin(&["delete", &slug]).failure(2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert_eq!(show_json(&slug)["status"], "active");

    let deleted = admin(&["delete", &slug, "--yes"]).success();
    assert!(deleted.stdout.contains(&format!("deleted tenant {slug}")));
    let shown = show_json(&slug);
    assert_eq!(shown["status"], "deleted");
    assert!(shown["deleted_at"].is_string());
    assert_eq!(shown["domains"], serde_json::json!([]));
    let mut conn = db();
    assert_eq!(tenant_state(&mut conn, &slug).unwrap().status, "deleted");
    assert!(
        schema_exists(&mut conn, &schema_of(&slug)),
        "soft delete keeps the schema"
    );

    // The released host can go to another tenant.
    let other = create_tenant("heir");
    admin(&["domain", "add", &other, &first]).success();

    admin(&["delete", &slug, "--drop-schema", "--yes"]).success();
    assert!(!schema_exists(&mut conn, &schema_of(&slug)));
    let repeat = admin(&["delete", &slug, "--drop-schema", "--yes"]).success();
    assert!(
        repeat.stdout.contains("already deleted"),
        "{}",
        repeat.stdout
    );

    let actions = audit_actions(&mut conn, &slug);
    for expected in [
        "tenant.create",
        "tenant.suspend",
        "tenant.resume",
        "domain.add",
        "domain.set_primary",
        "domain.remove",
        "tenant.delete",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
    admin(&["delete", &other, "--drop-schema", "--yes"]).success();
}

fn show_json(slug: &str) -> Value {
    serde_json::from_str(&admin(&["show", slug, "--json"]).success().stdout).unwrap()
}

#[test]
fn bad_slugs_are_refused_and_nothing_is_created() {
    let upper = format!("Acme{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let too_long = "a".repeat(41);
    let mut conn = db();
    for bad in [
        "x\"; drop schema public; --",
        "Acme",
        upper.as_str(),
        "www",
        "admin",
        "-lead",
        "ac_me",
        too_long.as_str(),
    ] {
        // `--` lets a slug that starts with a hyphen reach validation.
        let run = admin(&["create", "--name", "Bad", "--", bad]).failure(2);
        assert!(run.stdout.is_empty(), "{bad:?}: {}", run.stdout);
        assert!(tenant_state(&mut conn, bad).is_none(), "{bad:?} got a row");
        let lowered = bad.to_lowercase();
        assert!(
            tenant_state(&mut conn, &lowered).is_none(),
            "{bad:?} got a row"
        );
    }
    assert!(!schema_exists(&mut conn, &schema_of(&upper.to_lowercase())));
    assert!(!schema_exists(&mut conn, "t_www"));
    assert!(schema_exists(&mut conn, "public"));

    // Any refused input refuses the whole tenant: a good slug is not created
    // when its domain or owner password is bad.
    let slug = random_slug("half");
    admin(&["create", &slug, "--name", "Half", "--domain", "not a host"]).failure(2);
    admin(&[
        "create",
        &slug,
        "--name",
        "Half",
        "--owner-email",
        "o@example.com",
        "--owner-password",
        "short",
    ])
    .failure(2);
    assert!(tenant_state(&mut conn, &slug).is_none());
    assert!(!schema_exists(&mut conn, &schema_of(&slug)));
}

#[test]
fn a_domain_of_another_tenant_is_refused() {
    let owner = random_slug("dom-a");
    let host = format!("{owner}.example.net");
    admin(&["create", &owner, "--name", "A", "--domain", &host]).success();
    let thief = create_tenant("dom-b");
    let refused = admin(&["domain", "add", &thief, &host]).failure(1);
    assert!(refused.stderr.contains(&owner), "{}", refused.stderr);

    let late = random_slug("dom-c");
    admin(&["create", &late, "--name", "C", "--domain", &host]).failure(1);
    let mut conn = db();
    assert!(tenant_state(&mut conn, &late).is_none());
    assert!(!schema_exists(&mut conn, &schema_of(&late)));

    admin(&["domain", "add", &thief, "platform.test"]).failure(2);
    for slug in [owner, thief] {
        admin(&["delete", &slug, "--drop-schema", "--yes"]).success();
    }
}

const PROBE_VERSION: &str = "29991231000001";

/// A later tenant migration that fails on a tenant whose schema already has
/// the table it creates.
fn migrations_with_probe() -> TempDir {
    let dir = TempDir::new("tenant-migrations");
    copy_tenant_migrations(dir.path());
    let probe = dir.path().join("2999-12-31-000001_probe");
    std::fs::create_dir_all(&probe).unwrap();
    std::fs::write(
        probe.join("up.sql"),
        "CREATE TABLE migration_probe (id integer PRIMARY KEY);\n",
    )
    .unwrap();
    std::fs::write(probe.join("down.sql"), "DROP TABLE migration_probe;\n").unwrap();
    dir
}

/// Deletes the tenants (schema included) even when the test fails, so that
/// no live tenant is left at the probe version.
struct DeleteOnDrop(Vec<String>);

impl Drop for DeleteOnDrop {
    fn drop(&mut self) {
        for slug in &self.0 {
            admin(&["delete", slug, "--drop-schema", "--yes"]);
        }
    }
}

#[test]
fn a_failing_tenant_is_recorded_the_others_migrate_and_a_rerun_resumes() {
    let tenants = DeleteOnDrop((0..3).map(|_| create_tenant("mig")).collect());
    let slugs = &tenants.0;
    let broken = &slugs[1];
    let mut conn = db();
    let before = tenant_state(&mut conn, broken).unwrap().schema_version;
    diesel::sql_query(format!(
        "CREATE TABLE {}.migration_probe (conflict text)",
        schema_of(broken)
    ))
    .execute(&mut conn)
    .unwrap();

    let dir = migrations_with_probe();
    let dir_arg = dir.path().to_str().unwrap();
    let mut args = vec!["migrate", "--jobs", "2", "--migrations-dir", dir_arg];
    args.extend(slugs.iter().map(String::as_str));

    let mut dry = args.clone();
    dry.push("--dry-run");
    let planned = admin(&dry).success();
    for slug in slugs {
        assert!(planned.stdout.contains(&format!("would migrate {slug}")));
    }
    assert_eq!(
        tenant_state(&mut conn, &slugs[0]).unwrap().schema_version,
        before
    );

    let failed = admin(&args);
    assert_ne!(failed.code, 0, "{}", failed.stdout);
    assert!(
        failed.stdout.contains("migrated 2, failed 1"),
        "{}",
        failed.stdout
    );
    assert!(
        failed.stderr.contains(&format!(
            "tenant {broken} failed at migration {PROBE_VERSION}"
        )),
        "{}",
        failed.stderr
    );
    let state = tenant_state(&mut conn, broken).unwrap();
    assert_eq!(
        state.schema_version, before,
        "the failed tenant is rolled back"
    );
    assert_eq!(
        state.migration_failed_version.as_deref(),
        Some(PROBE_VERSION)
    );
    assert!(
        state
            .migration_error
            .as_deref()
            .unwrap()
            .contains("migration_probe"),
        "{:?}",
        state.migration_error
    );
    for slug in [&slugs[0], &slugs[2]] {
        let state = tenant_state(&mut conn, slug).unwrap();
        assert_eq!(state.schema_version, PROBE_VERSION);
        assert!(state.migration_error.is_none());
    }
    let shown: Value =
        serde_json::from_str(&admin(&["show", broken, "--json"]).success().stdout).unwrap();
    assert_eq!(shown["migration_failed_version"], PROBE_VERSION);

    // Fix the cause; the re-run migrates only what is left.
    diesel::sql_query(format!("DROP TABLE {}.migration_probe", schema_of(broken)))
        .execute(&mut conn)
        .unwrap();
    let resumed = admin(&args).success();
    assert!(
        resumed.stdout.contains("migrated 1, failed 0"),
        "{}",
        resumed.stdout
    );
    for slug in slugs {
        let state = tenant_state(&mut conn, slug).unwrap();
        assert_eq!(state.schema_version, PROBE_VERSION);
        assert!(state.migration_error.is_none() && state.migration_failed_version.is_none());
    }
    let idle = admin(&args).success();
    assert!(
        idle.stdout.contains("nothing to migrate"),
        "{}",
        idle.stdout
    );
}

#[test]
fn migrate_all_dry_run_changes_nothing() {
    let slug = create_tenant("dry");
    let run = admin(&["migrate", "--all", "--dry-run", "--jobs", "2"]).success();
    assert!(run.stdout.contains("dry run:"), "{}", run.stdout);
    assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);
    admin(&["delete", &slug, "--drop-schema", "--yes"]).success();
}

#[test]
fn unknown_tenants_and_missing_arguments_fail_clearly() {
    let nobody = random_slug("nobody");
    admin(&["show", &nobody]).failure(1);
    admin(&["suspend", &nobody]).failure(1);
    let run = admin(&["migrate", &nobody]).failure(1);
    assert!(run.stderr.contains(&nobody), "{}", run.stderr);
    // Usage mistakes are refused input too: one line, exit 2.
    admin(&["migrate"]).failure(2);
    admin(&["create", "-lead", "--name", "X"]).failure(2);
    // The line names what is missing, not only that something is.
    let run = admin(&[
        "create",
        &nobody,
        "--name",
        "X",
        "--owner-email",
        "o@example.com",
    ])
    .failure(2);
    assert!(run.stderr.contains("--owner-password"), "{}", run.stderr);
    assert!(admin(&["--help"]).success().stdout.contains("migrate"));
}

#[test]
fn an_unreachable_database_is_one_line_and_exit_1() {
    let run = run_with_url("postgres://postgres:secret@127.0.0.1:1/nowhere", &["list"]).failure(1);
    assert!(
        run.stderr.contains("cannot connect to the database"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("secret"),
        "the password is not printed"
    );
}

#[test]
fn plans_are_listed_and_a_tenant_changes_plan() {
    let slug = create_tenant("plan");
    let plans = admin(&["plans"]).success();
    assert!(plans.stdout.contains("basic"), "{}", plans.stdout);
    assert!(plans.stdout.contains("90 days"), "{}", plans.stdout);
    let changed = admin(&["plan", &slug, "pro"]).success();
    assert!(
        changed.stdout.contains("from basic to pro"),
        "{}",
        changed.stdout
    );
    let again = admin(&["plan", &slug, "pro"]).success();
    assert!(again.stdout.contains("already"), "{}", again.stdout);
    let shown: Value =
        serde_json::from_str(&admin(&["show", &slug, "--json"]).success().stdout).unwrap();
    assert_eq!(shown["plan"], "pro");
    let refused = admin(&["plan", &slug, "platinum"]).failure(2);
    assert!(
        refused.stderr.contains("choose one of"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        refused.stderr.trim().lines().count(),
        1,
        "{}",
        refused.stderr
    );
    admin(&["plan", "no-such-tenant-here", "basic"]).failure(1);
}

#[test]
fn an_owner_address_with_an_account_is_invited_not_attached() {
    let first = random_slug("inv1");
    let second = random_slug("inv2");
    let owner = format!("owner@{first}.example.com");
    let create = |slug: &str, password: &str| {
        admin(&[
            "create",
            slug,
            "--name",
            "Invite Test",
            "--owner-email",
            &owner,
            "--owner-password",
            password,
        ])
        .success()
    };
    let made = create(&first, OWNER_PASSWORD);
    assert!(
        made.stdout.contains(&format!("owner: {owner}")),
        "{}",
        made.stdout
    );
    // Another password for the same address: neither used nor attached.
    let invited = create(&second, "someone-elses-pass-1");
    assert!(
        invited
            .stdout
            .contains("already has an account: invitation mailed"),
        "{}",
        invited.stdout
    );
    assert_eq!(show_json(&second)["members"], 0);
    assert_eq!(show_json(&first)["members"], 1);
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    create_tenant("pipe");
    // The read end is closed before anything is printed: every line the
    // listing prints goes to a closed pipe, as with `| head` on a long list.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tenant-admin"))
        .arg("list")
        .env("DATABASE_URL", database_url())
        .env("BASE_DOMAIN", BASE_DOMAIN)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "nothing on stderr");
}

/// Tenant migrations may use what the public migrations add (the functions
/// every tenant's triggers call): with the public schema behind the binary,
/// `create` and `migrate` stop before touching a tenant.
#[test]
fn create_and_migrate_refuse_a_public_schema_behind_the_binary() {
    let name = format!(
        "saas_behind_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut db())
        .unwrap();
    let url = database_url_named(&name);
    run_with_url(&url, &["init"]).success();
    let mut scratch = PgConnection::establish(&url).unwrap();
    diesel::sql_query(
        "DELETE FROM __diesel_schema_migrations \
         WHERE version = (SELECT max(version) FROM __diesel_schema_migrations)",
    )
    .execute(&mut scratch)
    .unwrap();
    for args in [
        &["create", "behind", "--name", "Behind"][..],
        &["migrate", "--all"],
    ] {
        let run = run_with_url(&url, args).failure(1);
        assert!(
            run.stderr.contains("run `tenant-admin init` first"),
            "{}",
            run.stderr
        );
    }
    let tenants: i64 =
        diesel::dsl::sql::<diesel::sql_types::BigInt>("SELECT count(*) FROM tenants")
            .get_result(&mut scratch)
            .unwrap();
    assert_eq!(tenants, 0);
    drop(scratch);
    diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut db())
        .unwrap();
}
