//! Reading what a test's SMTP listener got.

/// The text of a quoted-printable body (what lettre sends for long lines).
pub fn decode_qp(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The token of the first `path?token=...` link in a mail.
pub fn token_in(mail_data: &str, path: &str) -> String {
    let text = decode_qp(mail_data);
    let marker = format!("{path}?token=");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} link in mail:\n{text}"))
        + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
