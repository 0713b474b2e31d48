//! Sending a rendered mail over SMTP with lettre (SMTP_URL, e.g.
//! `smtp://127.0.0.1:1025` or `smtp://user:pass@relay:25`). Synchronous: it
//! runs on the outbox worker thread. The build carries no TLS stack, so the
//! server talks plain SMTP to a relay next to it (which may use TLS onwards).

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use super::mail::CalendarPart;
use super::outbox::Failure;
use super::templates::Rendered;

/// A stuck SMTP server must not hold a worker (and its locked jobs) for long.
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
}

impl Mailer {
    pub fn new(smtp_url: &str, mail_from: &str) -> Result<Self, String> {
        let target = SmtpTarget::parse(smtp_url)?;
        let mut builder = SmtpTransport::builder_dangerous(target.host)
            .port(target.port)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some((user, pass)) = target.credentials {
            builder = builder.credentials(Credentials::new(user, pass));
        }
        let transport = builder.build();
        let from = mail_from
            .parse::<Mailbox>()
            .map_err(|e| format!("MAIL_FROM {mail_from:?} is not a mail address: {e}"))?;
        Ok(Mailer { transport, from })
    }

    pub fn send(&self, mail: &Rendered) -> Result<(), Failure> {
        let to = mail.to.parse::<Mailbox>().map_err(|e| {
            Failure::Permanent(format!(
                "recipient {:?} is not a mail address: {e}",
                mail.to
            ))
        })?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.as_str());
        let built = match &mail.calendar {
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.text.clone()),
            Some(calendar) => builder.multipart(with_invitation(&mail.text, calendar)?),
        };
        let message =
            built.map_err(|e| Failure::Permanent(format!("cannot build the message: {e}")))?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| Failure::Transient(format!("SMTP delivery failed: {e}")))
    }
}

/// The text, and the invitation both inline (so mail clients offer to add
/// it to the calendar) and as an .ics attachment (for the others).
fn with_invitation(text: &str, calendar: &CalendarPart) -> Result<MultiPart, Failure> {
    let calendar_type = ContentType::parse(&format!(
        "text/calendar; method={}; charset=UTF-8",
        calendar.method
    ))
    .map_err(|e| Failure::Permanent(format!("bad calendar method: {e}")))?;
    let ics_type = ContentType::parse("application/ics")
        .map_err(|e| Failure::Permanent(format!("bad content type: {e}")))?;
    Ok(MultiPart::mixed()
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(text.to_string()))
                .singlepart(
                    SinglePart::builder()
                        .header(calendar_type)
                        .body(calendar.ics.clone()),
                ),
        )
        .singlepart(Attachment::new("invite.ics".to_string()).body(calendar.ics.clone(), ics_type)))
}

/// The parts of an `smtp://[user[:password]@]host[:port]` URL.
#[derive(Debug, PartialEq, Eq)]
struct SmtpTarget {
    host: String,
    port: u16,
    credentials: Option<(String, String)>,
}

impl SmtpTarget {
    fn parse(url: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("SMTP_URL {url:?} is not usable: {why}");
        let rest = url
            .trim()
            .strip_prefix("smtp://")
            .ok_or_else(|| bad("it must start with smtp:// (plain SMTP to a local relay)"))?;
        let rest = rest.trim_end_matches('/');
        let (userinfo, hostport) = match rest.rsplit_once('@') {
            Some((user, hostport)) => (Some(user), hostport),
            None => (None, rest),
        };
        // `[v6-address]:port`, or `host:port`; the port defaults to 25.
        let (host, port) = match hostport.strip_prefix('[') {
            Some(v6) => {
                let (host, after) = v6.split_once(']').ok_or_else(|| bad("unclosed ["))?;
                (host, after.strip_prefix(':'))
            }
            None => match hostport.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (hostport, None),
            },
        };
        let port = match port {
            Some(p) => p
                .parse::<u16>()
                .map_err(|_| bad("the port is not a number"))?,
            None => 25,
        };
        if host.is_empty() || host.contains(['/', '?', '#']) {
            return Err(bad("no valid host"));
        }
        let credentials = userinfo.map(|u| match u.split_once(':') {
            Some((user, pass)) => (percent_decode(user), percent_decode(pass)),
            None => (percent_decode(u), String::new()),
        });
        Ok(SmtpTarget {
            host: host.to_string(),
            port,
            credentials,
        })
    }
}

/// `%40` and the like in URL credentials, as RFC 3986 asks for reserved
/// characters in a password.
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[path = "mailer_test.rs"]
mod tests;
