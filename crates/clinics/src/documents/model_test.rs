use super::*;

#[test]
fn download_names_keep_only_safe_characters_and_the_real_extension() {
    assert_eq!(download_name("X-ray 2026", FileKind::Png), "X-ray-2026.png");
    assert_eq!(
        download_name("../../etc/passwd\"; x.exe", FileKind::Pdf),
        "etc-passwd-x-exe.pdf"
    );
    assert_eq!(download_name("تقرير", FileKind::Jpeg), "document.jpg");
    assert!(download_name(&"a".repeat(500), FileKind::Pdf).len() <= 64);
}

#[test]
fn a_title_comes_from_the_form_or_the_file_name() {
    assert_eq!(
        DocumentTitle::from_form(Some(" Report "), Some("x.pdf")),
        Ok(DocumentTitle("Report".into()))
    );
    assert_eq!(
        DocumentTitle::from_form(None, Some("scan.pdf")),
        Ok(DocumentTitle("scan.pdf".into()))
    );
    assert_eq!(
        DocumentTitle::from_form(Some(""), Some("bad\u{0}name")),
        Ok(DocumentTitle("Document".into()))
    );
    assert!(DocumentTitle::from_form(Some("line\nbreak"), None).is_err());
    assert!(DocumentTitle::from_form(Some(&"x".repeat(201)), None).is_err());
}
