//! What an uploaded file is, judged by its content: a PNG renamed
//! `report.pdf` is a PNG, and an executable is refused whatever its name.

use sha2::{Digest, Sha256};

/// The kinds of file the platform keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
}

impl FileKind {
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        }
    }

    pub fn from_mime(mime: &str) -> Option<Self> {
        match mime {
            "application/pdf" => Some(FileKind::Pdf),
            "image/png" => Some(FileKind::Png),
            "image/jpeg" => Some(FileKind::Jpeg),
            _ => None,
        }
    }

    /// The kind the bytes are, if it is one kept here.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        infer::get(bytes).and_then(|t| Self::from_mime(t.mime_type()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    Empty,
    TooLarge {
        max_bytes: u64,
    },
    /// Not a PDF, PNG or JPEG; what it seems to be, when known.
    UnsupportedType {
        detected: Option<String>,
    },
}

/// A checked upload: its kind from its content, its size and SHA-256.
#[derive(Debug, Clone)]
pub struct Upload {
    pub kind: FileKind,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

impl Upload {
    pub fn check(bytes: Vec<u8>, max_bytes: u64) -> Result<Self, UploadError> {
        if bytes.is_empty() {
            return Err(UploadError::Empty);
        }
        if bytes.len() as u64 > max_bytes {
            return Err(UploadError::TooLarge { max_bytes });
        }
        let kind = FileKind::sniff(&bytes).ok_or_else(|| UploadError::UnsupportedType {
            detected: infer::get(&bytes).map(|t| t.mime_type().to_string()),
        })?;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Ok(Upload {
            kind,
            bytes,
            sha256,
        })
    }

    pub fn size(&self) -> u64 {
        self.bytes.len() as u64
    }
}

#[cfg(test)]
#[path = "kind_test.rs"]
mod tests;
