-- Federation Gateway schema upgrade to databaseVersion 2 for oracle: bridged presence subscriptions.

-- Bridged presence subscriptions (RFC 8048), kept across restarts. kind is x2s (a partner user watches a SIP user) or s2x; state is pending or active; routeSet holds one Route per line; expiresAt is milliseconds since 1970.
CREATE TABLE fgwSubscription (
  callId VARCHAR2(255) NOT NULL,
  kind VARCHAR2(8) NOT NULL,
  xmppUser VARCHAR2(255) NOT NULL,
  sipUser VARCHAR2(255) NOT NULL,
  localUri VARCHAR2(512) NOT NULL,
  localTag VARCHAR2(64) NOT NULL,
  remoteUri VARCHAR2(512) NOT NULL,
  remoteTag VARCHAR2(64),
  remoteTarget VARCHAR2(512),
  routeSet VARCHAR2(2000),
  cseq NUMBER(19) NOT NULL,
  state VARCHAR2(8) NOT NULL,
  expiresAt NUMBER(19) NOT NULL,
  CONSTRAINT fgwSubscription_pk PRIMARY KEY (callId)
);

CREATE INDEX fgwSubscription_users_idx ON fgwSubscription (sipUser, xmppUser);

UPDATE ofVersion SET version = 2 WHERE name = 'federationgateway';
