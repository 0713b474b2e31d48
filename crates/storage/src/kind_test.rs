#![allow(clippy::unwrap_used)]

use super::*;

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";
const ELF: &[u8] = b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3E\0";

#[test]
fn the_kind_comes_from_the_bytes() {
    assert_eq!(
        Upload::check(PNG.to_vec(), 1000).unwrap().kind,
        FileKind::Png
    );
    assert_eq!(
        Upload::check(PDF.to_vec(), 1000).unwrap().kind,
        FileKind::Pdf
    );
    assert_eq!(
        Upload::check(JPEG.to_vec(), 1000).unwrap().kind,
        FileKind::Jpeg
    );
}

#[test]
fn executables_and_text_are_refused() {
    let mut elf = ELF.to_vec();
    elf.resize(128, 0);
    match Upload::check(elf, 1000) {
        Err(UploadError::UnsupportedType { detected }) => {
            assert_eq!(detected.as_deref(), Some("application/x-executable"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        Upload::check(b"just some words".to_vec(), 1000),
        Err(UploadError::UnsupportedType { detected: None })
    ));
}

#[test]
fn size_is_bounded_and_hashed() {
    assert_eq!(
        Upload::check(Vec::new(), 10).unwrap_err(),
        UploadError::Empty
    );
    assert_eq!(
        Upload::check(PDF.to_vec(), 10).unwrap_err(),
        UploadError::TooLarge { max_bytes: 10 }
    );
    let upload = Upload::check(PDF.to_vec(), 1000).unwrap();
    assert_eq!(upload.sha256.len(), 64);
    assert_eq!(upload.size(), PDF.len() as u64);
}
