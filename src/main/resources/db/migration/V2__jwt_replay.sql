-- The jti of every accepted CDS client JWT, until its token expires: instances that share this
-- database refuse a token any of them accepted (CDS Hooks 2.0, "jti ... to prevent replay").
-- id_hash is the SHA-256 (hex) of issuer, a zero byte and the jti: no token content is stored.
CREATE TABLE jwt_replay (
    id_hash     CHAR(64)                 NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX jwt_replay_expiry ON jwt_replay (expires_at);
