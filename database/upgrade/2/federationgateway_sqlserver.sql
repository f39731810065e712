-- Federation Gateway schema upgrade to databaseVersion 2 for sqlserver: bridged presence subscriptions.

-- Bridged presence subscriptions (RFC 8048), kept across restarts. kind is x2s (a partner user watches a SIP user) or s2x; state is pending or active; routeSet holds one Route per line; expiresAt is milliseconds since 1970. Binary collation: Call-IDs, tags and SIP user parts are case-sensitive (RFC 3261 §19.1.4, §20.8).
CREATE TABLE fgwSubscription (
  callId NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
  kind NVARCHAR(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
  xmppUser NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
  sipUser NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
  localUri NVARCHAR(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
  localTag NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
  remoteUri NVARCHAR(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
  remoteTag NVARCHAR(64) COLLATE Latin1_General_100_BIN2,
  remoteTarget NVARCHAR(512) COLLATE Latin1_General_100_BIN2,
  routeSet NVARCHAR(2000) COLLATE Latin1_General_100_BIN2,
  cseq BIGINT NOT NULL,
  state NVARCHAR(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
  expiresAt BIGINT NOT NULL,
  CONSTRAINT fgwSubscription_pk PRIMARY KEY (callId)
);

CREATE INDEX fgwSubscription_users_idx ON fgwSubscription (sipUser, xmppUser);

UPDATE ofVersion SET version = 2 WHERE name = 'federationgateway';
