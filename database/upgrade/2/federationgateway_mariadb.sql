-- Federation Gateway schema upgrade to databaseVersion 2 for mariadb: bridged presence subscriptions.
-- Openfire 5.1 and later run this script on MariaDB (earlier versions run the mysql one); its statements are the mysql script's.

-- Bridged presence subscriptions (RFC 8048), kept across restarts. kind is x2s (a partner user watches a SIP user) or s2x; state is pending or active; routeSet holds one Route per line; expiresAt is milliseconds since 1970. Binary collation: Call-IDs, tags and SIP user parts are case-sensitive (RFC 3261 §19.1.4, §20.8).
CREATE TABLE fgwSubscription (
  callId VARCHAR(255) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  xmppUser VARCHAR(255) NOT NULL,
  sipUser VARCHAR(255) NOT NULL,
  localUri VARCHAR(512) NOT NULL,
  localTag VARCHAR(64) NOT NULL,
  remoteUri VARCHAR(512) NOT NULL,
  remoteTag VARCHAR(64),
  remoteTarget VARCHAR(512),
  routeSet VARCHAR(2000),
  cseq BIGINT NOT NULL,
  state VARCHAR(8) NOT NULL,
  expiresAt BIGINT NOT NULL,
  CONSTRAINT fgwSubscription_pk PRIMARY KEY (callId)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE INDEX fgwSubscription_users_idx ON fgwSubscription (sipUser, xmppUser);

UPDATE ofVersion SET version = 2 WHERE name = 'federationgateway';
