DROP TABLE customer_phone_logins, otp_codes;
