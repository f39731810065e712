-- Federation Gateway schema upgrade to databaseVersion 2 for sqlserver: bridged presence subscriptions.

-- Bridged presence subscriptions (RFC 8048), kept across restarts. kind is x2s (a partner user watches a SIP user) or s2x; state is pending or active; routeSet holds one Route per line; expiresAt is milliseconds since 1970.
CREATE TABLE fgwSubscription (
  callId NVARCHAR(255) NOT NULL,
  kind NVARCHAR(8) NOT NULL,
  xmppUser NVARCHAR(255) NOT NULL,
  sipUser NVARCHAR(255) NOT NULL,
  localUri NVARCHAR(512) NOT NULL,
  localTag NVARCHAR(64) NOT NULL,
  remoteUri NVARCHAR(512) NOT NULL,
  remoteTag NVARCHAR(64),
  remoteTarget NVARCHAR(512),
  routeSet NVARCHAR(2000),
  cseq BIGINT NOT NULL,
  state NVARCHAR(8) NOT NULL,
  expiresAt BIGINT NOT NULL,
  CONSTRAINT fgwSubscription_pk PRIMARY KEY (callId)
);

CREATE INDEX fgwSubscription_users_idx ON fgwSubscription (sipUser, xmppUser);

UPDATE ofVersion SET version = 2 WHERE name = 'federationgateway';
