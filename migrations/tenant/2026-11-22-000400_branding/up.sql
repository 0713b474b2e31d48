-- How the tenant's site presents the business. One row per tenant, like
-- booking_settings; the checks repeat the code's rules so that no other
-- writer can store what the site would refuse to show.
CREATE TABLE branding (
    id                boolean PRIMARY KEY DEFAULT true CHECK (id),
    -- Null: the site shows the tenant's name.
    display_name      text CHECK (char_length(display_name) BETWEEN 1 AND 100),
    -- Shown as an image source, so only https and never credentials.
    logo_url          text CHECK (
        char_length(logo_url) <= 2048
        AND logo_url LIKE 'https://%'
        AND logo_url !~ '[[:space:][:cntrl:]]'
    ),
    -- The default is dark enough for text on white (WCAG AA).
    accent_colour     text NOT NULL DEFAULT '#1d4ed8' CHECK (accent_colour ~ '^#[0-9a-f]{6}$'),
    default_language  text NOT NULL DEFAULT 'en' CHECK (default_language IN ('en', 'fr', 'ar')),
    address           text CHECK (char_length(address) BETWEEN 1 AND 500),
    phone             text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    contact_email     text,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
INSERT INTO branding DEFAULT VALUES;
