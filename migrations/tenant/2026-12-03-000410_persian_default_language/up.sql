-- Persian joins the languages a site may greet its visitors in.
ALTER TABLE branding
    DROP CONSTRAINT branding_default_language_check,
    ADD CONSTRAINT branding_default_language_check
        CHECK (default_language IN ('en', 'fr', 'ar', 'fa'));
