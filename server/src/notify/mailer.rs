//! Sending a rendered mail over SMTP with lettre (SMTP_URL, e.g.
//! `smtp://127.0.0.1:1025` or `smtp://user:pass@relay:25`). Synchronous: it
//! runs on the outbox worker thread. The build carries no TLS stack, so the
//! server talks plain SMTP to a relay next to it (which may use TLS onwards).

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

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
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.as_str())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone())
            .map_err(|e| Failure::Permanent(format!("cannot build the message: {e}")))?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| Failure::Transient(format!("SMTP delivery failed: {e}")))
    }
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
            Some((user, pass)) => (user.to_string(), pass.to_string()),
            None => (u.to_string(), String::new()),
        });
        Ok(SmtpTarget {
            host: host.to_string(),
            port,
            credentials,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings() {
        assert!(Mailer::new("smtp://127.0.0.1:1025", "Platform <no-reply@localhost>").is_ok());
        assert!(Mailer::new("not a url", "no-reply@localhost").is_err());
        assert!(Mailer::new("smtps://relay:465", "no-reply@localhost").is_err());
        assert!(Mailer::new("smtp://127.0.0.1:1025", "nobody").is_err());
    }

    #[test]
    fn parses_smtp_urls() {
        assert_eq!(
            SmtpTarget::parse("smtp://127.0.0.1:1025").unwrap(),
            SmtpTarget {
                host: "127.0.0.1".into(),
                port: 1025,
                credentials: None
            }
        );
        let t = SmtpTarget::parse("smtp://me:s3cret@relay.local").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("relay.local", 25));
        assert_eq!(t.credentials, Some(("me".into(), "s3cret".into())));
        assert_eq!(SmtpTarget::parse("smtp://[::1]:2525").unwrap().host, "::1");
        assert!(SmtpTarget::parse("smtp://host:port").is_err());
    }
}
