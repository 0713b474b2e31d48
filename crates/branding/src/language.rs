//! The languages a tenant's site is written in.

kernel::text_enum! {
    /// The language a visitor gets when neither their choice nor their
    /// browser names one the site has.
    #[derive(Default)]
    pub enum Language {
        #[default]
        En => "en",
        Fr => "fr",
        Ar => "ar",
        Fa => "fa",
    }
}

impl Language {
    /// Whether pages in this language run right to left (`dir="rtl"`).
    pub fn is_right_to_left(self) -> bool {
        matches!(self, Language::Ar | Language::Fa)
    }
}
