UPDATE branding SET default_language = 'en' WHERE default_language = 'fa';
ALTER TABLE branding
    DROP CONSTRAINT branding_default_language_check,
    ADD CONSTRAINT branding_default_language_check
        CHECK (default_language IN ('en', 'fr', 'ar'));
