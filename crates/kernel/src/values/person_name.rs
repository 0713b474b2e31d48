//! A person's name as people write it: trimmed, 1 to 200 characters, no
//! control characters (a line break in a name breaks mails and exports).

use std::fmt;

use serde::Serialize;

use crate::input::has_control;

pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = MAX_NAME_CHARS;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        let chars = name.chars().count();
        if chars == 0 {
            return Err("must not be empty".into());
        }
        if chars > MAX_NAME_CHARS {
            return Err(format!(
                "is {chars} characters; at most {MAX_NAME_CHARS} are allowed"
            ));
        }
        if has_control(name) {
            return Err("must not contain control characters such as line breaks".into());
        }
        Ok(PersonName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
