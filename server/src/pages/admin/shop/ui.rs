//! The shop forms' inputs, as `templates/admin/shop/_field.html` and
//! `_check.html` draw them: a label, the value as typed or stored, a hint,
//! and the message beside the field when it was refused (the input then
//! marked invalid and described by it). One shape for every form, so each
//! page only says which fields it has.

/// One choice of a select.
pub struct Opt {
    pub value: String,
    pub label: String,
}

impl Opt {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Opt {
        Opt {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A text-like input, a text area or a select.
pub struct Field {
    /// The element's id, unique on the page; messages hang off it.
    pub id: String,
    pub name: String,
    pub label: String,
    /// `text`, `number`, `url`, `date`, `datetime-local`, `password`,
    /// `email`, `textarea` or `select`.
    pub kind: &'static str,
    pub value: String,
    /// A select's choices.
    pub options: Vec<Opt>,
    pub hint: Option<String>,
    pub error: Option<String>,
    /// Codes, amounts and addresses read left to right in every language.
    pub ltr: bool,
    pub required: bool,
    /// `maxlength`, 0 for none.
    pub max_len: usize,
    /// `inputmode`, blank for none.
    pub mode: &'static str,
    /// `autocomplete`, blank for none.
    pub auto: &'static str,
    /// The language of the value when it is not the page's (a French
    /// name typed on an English page), blank otherwise.
    pub lang: &'static str,
    /// The label's language, when it is not the page's (a language's
    /// own name).
    pub label_lang: &'static str,
    pub rows: u8,
}

impl Field {
    /// A one-line text input named `name` (also its id).
    pub fn text(name: &str, label: String, value: impl Into<String>) -> Field {
        Field {
            id: name.to_string(),
            name: name.to_string(),
            label,
            kind: "text",
            value: value.into(),
            options: Vec::new(),
            hint: None,
            error: None,
            ltr: false,
            required: false,
            max_len: 0,
            mode: "",
            auto: "",
            lang: "",
            label_lang: "",
            rows: 3,
        }
    }

    pub fn area(name: &str, label: String, value: impl Into<String>, rows: u8) -> Field {
        Field {
            kind: "textarea",
            rows,
            ..Field::text(name, label, value)
        }
    }

    pub fn select(name: &str, label: String, value: impl Into<String>, options: Vec<Opt>) -> Field {
        Field {
            kind: "select",
            options,
            ..Field::text(name, label, value)
        }
    }

    /// Another input type (`url`, `date`, `password` ...).
    pub fn kind(mut self, kind: &'static str) -> Field {
        self.kind = kind;
        self
    }

    /// Another element id, where one form repeats on the page.
    pub fn id(mut self, id: String) -> Field {
        self.id = id;
        self
    }

    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn error(mut self, error: Option<String>) -> Field {
        self.error = error;
        self
    }

    pub fn ltr(mut self) -> Field {
        self.ltr = true;
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn max(mut self, len: usize) -> Field {
        self.max_len = len;
        self
    }

    pub fn mode(mut self, mode: &'static str) -> Field {
        self.mode = mode;
        self
    }

    pub fn auto(mut self, auto: &'static str) -> Field {
        self.auto = auto;
        self
    }

    /// A value in `lang`, written in that language's direction.
    pub fn lang(mut self, lang: &'static str) -> Field {
        self.lang = lang;
        self
    }

    /// A field labelled with the name of the language it is in.
    pub fn native(mut self, lang: &'static str) -> Field {
        self.lang = lang;
        self.label_lang = lang;
        self
    }

    /// An amount: typed left to right, a decimal keyboard on phones.
    pub fn amount(self) -> Field {
        self.ltr().mode("decimal").auto("off")
    }

    /// A whole number, as text so Persian and Arabic digits are accepted.
    pub fn whole(self) -> Field {
        self.ltr().mode("numeric").auto("off")
    }

    /// The ids that describe the input: its hint, its message.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// A checkbox with its label.
pub struct Check {
    pub id: String,
    pub name: String,
    pub label: String,
    pub checked: bool,
    pub hint: Option<String>,
}

impl Check {
    pub fn new(name: &str, label: String, checked: bool) -> Check {
        Check {
            id: name.to_string(),
            name: name.to_string(),
            label,
            checked,
            hint: None,
        }
    }

    pub fn id(mut self, id: String) -> Check {
        self.id = id;
        self
    }

    pub fn hint(mut self, hint: String) -> Check {
        self.hint = Some(hint);
        self
    }
}
