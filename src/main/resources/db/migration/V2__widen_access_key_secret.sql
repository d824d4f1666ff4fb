-- Access key secrets are stored encrypted (enc:v1: and Base64 of the IV, ciphertext and tag), which is
-- longer than the plaintext: a 128-character secret takes 215 characters.
ALTER TABLE access_key ALTER COLUMN secret SET DATA TYPE VARCHAR(512);
