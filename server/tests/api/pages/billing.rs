//! The back office's billing page over plain HTTP: the plan, its use and
//! the invoices for the owner and admins; choosing another plan (the
//! owner alone) sends the browser to the provider's checkout, and a
//! refusal is the page again with a notice; each invoice's PDF is behind
//! the page's own sign-in.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use identity::Role;
use reqwest::header::{ACCEPT, CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE};

use super::back_office::{get, member, Office};
use crate::billing::provider::FakeProvider;
use crate::billing::tenant_on_pro;
use crate::support::*;

const PAGE: &str = "/admin/billing";
const CHECKOUT: &str = "/admin/billing/checkout";
const SESSION: &str = r#"{"id": "cs_page_1", "url": "https://checkout.example.com/c/cs_page_1"}"#;

struct Site {
    app: TestApp,
    tenant: TestTenant,
}

/// A site on the Pro plan (its trial running), served by `app`.
fn site(app: TestApp, prefix: &str) -> Site {
    Site {
        app,
        tenant: tenant_on_pro(prefix),
    }
}

async fn default_site(prefix: &str) -> Site {
    site(spawn_app_with(|_| {}).await, prefix)
}

/// A site whose payments go to `provider`.
async fn paying_site(provider: &FakeProvider, prefix: &str) -> Site {
    let url = provider.url.clone();
    let app = spawn_app_with(move |s| {
        s.billing.api_url = url;
        s.billing.api_key = "sk_test_page".into();
    })
    .await;
    site(app, prefix)
}

impl Site {
    async fn office(&self, role: Role) -> Office<'_> {
        let email = unique_email("billing");
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        member(&mut conn, &self.tenant, &email, role);
        Office::sign_in(&self.app, &self.tenant.host, &email).await
    }

    /// An invoice for the last month, as a paid provider invoice issues it.
    fn invoice(&self) -> billing::invoices::Invoice {
        let mut conn = PgConnection::establish(&database_url()).unwrap();
        let now = Utc::now();
        billing::invoices::issue(
            &mut conn,
            self.tenant.id,
            None,
            now - Duration::days(30),
            now,
            2000,
            now,
        )
        .unwrap()
        .unwrap()
    }
}

/// GET with the visit's cookies: the status, content type and body bytes.
async fn fetch(office: &Office<'_>, path: &str) -> (u16, String, Vec<u8>) {
    let res = office
        .app
        .get(&office.host, path)
        .header(ACCEPT, "text/html")
        .header(COOKIE, &office.cookies)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, kind, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_owner_sees_the_plan_its_use_and_the_choose_buttons() {
    let s = default_site("bpage-owner").await;
    let office = s.office(Role::Owner).await;
    let res = s
        .app
        .get(&s.tenant.host, PAGE)
        .header(ACCEPT, "text/html")
        .header(COOKIE, &office.cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The checkout form's answer leads to the provider's site.
    let policy = res.headers()[CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.contains("form-action 'self' https:"), "{policy}");
    let html = res.text().await.unwrap();
    assert!(
        html.contains("href=\"/admin/billing\" aria-current=\"page\""),
        "{html}"
    );
    assert!(html.contains("<dd id=\"plan-name\">Pro</dd>"), "{html}");
    assert!(html.contains("49.00"), "{html}");
    assert!(html.contains("per month"), "{html}");
    assert!(html.contains("<dd id=\"plan-status\">Trial</dd>"), "{html}");
    assert!(html.contains("The trial ends on"), "{html}");
    assert!(!html.contains("id=\"past-due\""), "{html}");
    // Pro caps staff at 25 and leaves customers unlimited.
    let staff = row(&html, "limit-staff");
    assert!(
        staff.contains("Staff members") && staff.contains("of"),
        "{staff}"
    );
    assert!(staff.contains("25"), "{staff}");
    let customers = row(&html, "limit-customers");
    assert!(customers.contains("unlimited"), "{customers}");
    assert!(html.contains("<li>SMS reminders</li>"), "{html}");
    assert!(html.contains("id=\"no-invoices\""), "{html}");
    // The other plan, with its button; not the site's own.
    let basic = row(&html, "plan-basic");
    assert!(
        basic.contains("Basic") && basic.contains("19.00"),
        "{basic}"
    );
    assert!(
        basic.contains("action=\"/admin/billing/checkout\""),
        "{basic}"
    );
    assert!(basic.contains("name=\"plan\" value=\"basic\""), "{basic}");
    assert!(basic.contains("name=\"csrf_token\""), "{basic}");
    assert!(!html.contains("id=\"plan-pro\""), "{html}");
    assert!(!html.contains("id=\"owner-only\""), "{html}");

    // Back from the provider's checkout.
    let (status, html, _) = office.get("/admin/billing?billing=success").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Thank you: your payment is being confirmed"),
        "{html}"
    );
    let (_, html, _) = office.get("/admin/billing?billing=cancel").await;
    assert!(
        html.contains("The payment was cancelled; nothing was charged"),
        "{html}"
    );
    // In French, and in Arabic right to left.
    let (status, html, _) = office.get("/admin/billing?lang=fr").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<h1 id=\"billing-title\">Facturation</h1>"),
        "{html}"
    );
    assert!(html.contains("par mois"), "{html}");
    let (status, html, _) = office.get("/admin/billing?lang=ar").await;
    assert_eq!(status, 200);
    assert!(html.contains("dir=\"rtl\""), "{html}");
    assert!(html.contains("الفوترة"), "{html}");
}

/// The table row with `id`.
fn row<'h>(html: &'h str, id: &str) -> &'h str {
    let at = html
        .find(&format!("<tr id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no row {id} in {html}"));
    let rest = &html[at..];
    &rest[..rest.find("</tr>").unwrap()]
}

#[tokio::test]
async fn an_admin_sees_the_plans_without_the_buttons() {
    let provider = FakeProvider::start(200, SESSION).await;
    let s = paying_site(&provider, "bpage-admin").await;
    let office = s.office(Role::Admin).await;
    let (status, html, _) = office.get(PAGE).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<dd id=\"plan-name\">Pro</dd>"), "{html}");
    assert!(html.contains("id=\"plan-basic\""), "{html}");
    assert!(!html.contains(CHECKOUT), "{html}");
    assert!(
        html.contains("<p id=\"owner-only\">Only the site&#39;s owner can change the plan.</p>"),
        "{html}"
    );
    // Posting anyway is refused, and the provider never hears of it.
    let (status, _, _) = office.post(CHECKOUT, &[("plan", "basic")]).await;
    assert_eq!(status, 403);
    assert!(provider.received().is_empty());
}

#[tokio::test]
async fn staff_and_nobody_stay_out_of_billing() {
    let s = default_site("bpage-staff").await;
    let (status, _, location) = get(&s.app, &s.tenant.host, PAGE, "").await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/login");
    let office = s.office(Role::Staff).await;
    let (_, calendar, _) = office.get("/admin/calendar").await;
    assert!(!calendar.contains("href=\"/admin/billing\""), "{calendar}");
    let (status, _, _) = office.get(PAGE).await;
    assert_eq!(status, 403);
    let (status, _, _) = office.post(CHECKOUT, &[("plan", "basic")]).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn choosing_a_plan_without_payments_set_up_is_a_503_with_a_notice() {
    let s = default_site("bpage-503").await;
    let office = s.office(Role::Owner).await;
    // Without the CSRF token: refused before anything else.
    let (status, _, _) = office.post_exactly(CHECKOUT, &[("plan", "basic")]).await;
    assert_eq!(status, 403);
    let (status, html, _) = office.post(CHECKOUT, &[("plan", "basic")]).await;
    assert_eq!(status, 503, "{html}");
    assert!(html.contains("class=\"notice bad\""), "{html}");
    assert!(
        html.contains("Online payment is not set up on this platform yet."),
        "{html}"
    );
    assert!(html.contains("<dd id=\"plan-name\">Pro</dd>"), "{html}");
    let (status, html, _) = office
        .post(&format!("{CHECKOUT}?lang=fr"), &[("plan", "basic")])
        .await;
    assert_eq!(status, 503);
    assert!(
        html.contains("Le paiement en ligne n&#39;est pas encore disponible"),
        "{html}"
    );
}

#[tokio::test]
async fn choosing_a_plan_sends_the_owner_to_the_providers_checkout() {
    let provider = FakeProvider::start(200, SESSION).await;
    let s = paying_site(&provider, "bpage-pay").await;
    let office = s.office(Role::Owner).await;
    let (status, _, location) = office.post(CHECKOUT, &[("plan", "basic")]).await;
    assert_eq!(status, 303);
    assert_eq!(location, "https://checkout.example.com/c/cs_page_1");
    let sent = provider.received();
    assert_eq!(sent.len(), 1);
    let back = sent[0].field("success_url").unwrap();
    assert!(
        back.ends_with(&format!(
            "://{}/admin/billing?billing=success",
            s.tenant.host
        )),
        "{back}"
    );

    // An unknown plan: the page again, 422, and no call to the provider.
    let (status, html, _) = office.post(CHECKOUT, &[("plan", "platinum")]).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("That plan does not exist."), "{html}");
    assert_eq!(provider.received().len(), 1);
}

#[tokio::test]
async fn a_failing_provider_is_the_page_again_with_a_502() {
    let provider = FakeProvider::start(500, r#"{"error": {"message": "boom"}}"#).await;
    let s = paying_site(&provider, "bpage-502").await;
    let office = s.office(Role::Owner).await;
    let (status, html, _) = office.post(CHECKOUT, &[("plan", "basic")]).await;
    assert_eq!(status, 502, "{html}");
    assert!(
        html.contains("The payment service did not answer."),
        "{html}"
    );
    assert!(!html.contains("boom"), "{html}");
}

#[tokio::test]
async fn invoices_are_listed_with_their_pdf_behind_the_sign_in() {
    let s = default_site("bpage-inv").await;
    let invoice = s.invoice();
    let pdf = format!("/admin/billing/invoices/{}.pdf", invoice.id);
    let owner = s.office(Role::Owner).await;
    let (status, html, _) = owner.get(PAGE).await;
    assert_eq!(status, 200);
    let listed = row(&html, &format!("invoice-{}", invoice.id));
    assert!(listed.contains(&invoice.number), "{listed}");
    assert!(listed.contains(&format!("href=\"{pdf}\"")), "{listed}");
    assert!(listed.contains("EUR"), "{listed}");

    let (status, kind, body) = fetch(&owner, &pdf).await;
    assert_eq!(status, 200);
    assert_eq!(kind, "application/pdf");
    assert!(body.starts_with(b"%PDF"));
    // Another id, or none: the 404 page.
    let (status, _, _) = owner
        .get(&format!(
            "/admin/billing/invoices/{}.pdf",
            uuid::Uuid::new_v4()
        ))
        .await;
    assert_eq!(status, 404);
    let (status, _, _) = owner.get("/admin/billing/invoices/nope.pdf").await;
    assert_eq!(status, 404);

    let staff = s.office(Role::Staff).await;
    let (status, kind, _) = fetch(&staff, &pdf).await;
    assert_eq!(status, 403);
    assert!(kind.starts_with("text/html"), "{kind}");
    let (status, _, location) = get(&s.app, &s.tenant.host, &pdf, "").await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/login");
}

#[tokio::test]
async fn a_past_due_site_is_told_when_it_turns_read_only() {
    use kernel::schema::public::subscriptions;
    let s = default_site("bpage-due").await;
    let office = s.office(Role::Admin).await;
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::update(subscriptions::table.find(s.tenant.id))
        .set((
            subscriptions::status.eq("past_due"),
            subscriptions::past_due_since.eq(Some(Utc::now() - Duration::days(2))),
        ))
        .execute(&mut conn)
        .unwrap();
    let (status, html, _) = office.get(PAGE).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<dd id=\"plan-status\">Payment overdue</dd>"),
        "{html}"
    );
    let notice = &html[html.find("id=\"past-due\"").expect("the notice")..];
    assert!(notice.contains("the site becomes read-only on"), "{notice}");
}
