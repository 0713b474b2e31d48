//! Plain-text renderings of the mails. Short, and each says why it was sent
//! and what to do if the person did not ask for it.

use super::mail::{CalendarPart, Mail};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub calendar: Option<CalendarPart>,
}

pub fn render(mail: &Mail) -> Rendered {
    let (subject, text) = match mail {
        Mail::VerifyEmail {
            name,
            site_name,
            link,
            ..
        } => (
            format!("Confirm your email address for {site_name}"),
            format!(
                "Hello {name},\n\n\
                 Please confirm your email address for your {site_name} account by opening this link:\n\n\
                 {link}\n\n\
                 If you did not create an account, you can ignore this message.\n"
            ),
        ),
        Mail::PasswordReset {
            name,
            site_name,
            link,
            ..
        } => (
            format!("Reset your {site_name} password"),
            format!(
                "Hello {name},\n\n\
                 Someone asked to reset the password of your {site_name} account. \
                 To choose a new password, open this link within one hour:\n\n\
                 {link}\n\n\
                 The link works once. If you did not ask for this, ignore this message; \
                 your password stays as it is.\n"
            ),
        ),
        Mail::PasswordChanged {
            name, site_name, ..
        } => (
            format!("Your {site_name} password was changed"),
            format!(
                "Hello {name},\n\n\
                 The password of your {site_name} account has just been changed, and every \
                 device signed in with the old one has been signed out.\n\n\
                 If this was not you, reset your password right away and contact {site_name}.\n"
            ),
        ),
        Mail::Plain { subject, text, .. } => (subject.clone(), text.clone()),
    };
    let calendar = match mail {
        Mail::Plain { calendar, .. } => calendar.clone(),
        _ => None,
    };
    Rendered {
        to: mail.to().to_string(),
        subject,
        text,
        calendar,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn reset_mail_carries_the_link() {
        let r = render(&Mail::PasswordReset {
            to: "a@example.com".into(),
            name: "Ann".into(),
            site_name: "Acme".into(),
            link: "http://acme.test/reset-password?token=abc".into(),
        });
        assert_eq!(r.to, "a@example.com");
        assert!(r.subject.contains("Acme"));
        assert!(r.text.contains("http://acme.test/reset-password?token=abc"));
        assert!(r.text.starts_with("Hello Ann,"));
    }

    #[test]
    fn plain_mail_is_sent_as_written() {
        let r = render(&Mail::Plain {
            to: "b@example.com".into(),
            subject: "Your booking tomorrow".into(),
            text: "See you at 10:00.".into(),
            calendar: None,
        });
        assert_eq!(r.subject, "Your booking tomorrow");
        assert_eq!(r.text, "See you at 10:00.");
    }
}
