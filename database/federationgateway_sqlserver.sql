-- Federation Gateway schema, databaseVersion 2, for sqlserver.
-- Openfire runs this script when it installs the plugin (plugin.xml databaseKey federationgateway).

-- Allowed XMPP partners (Lync New-CsXmppAllowedPartner); primaryDomain is normalised (IDNA A-label, lower case); enums are stored as their stable codes; connectionLimit NULL means the gateway per-partner limit.
CREATE TABLE fgwPartner (
  primaryDomain NVARCHAR(255) NOT NULL,
  partnerType NVARCHAR(32) NOT NULL,
  tlsNegotiation NVARCHAR(16) NOT NULL,
  saslNegotiation NVARCHAR(16) NOT NULL,
  dialback INT NOT NULL,
  keepAlive INT NOT NULL,
  connectionLimit INT,
  proxyFqdn NVARCHAR(255),
  description NVARCHAR(1024),
  CONSTRAINT fgwPartner_pk PRIMARY KEY (primaryDomain)
);

-- Additional domains of a partner (a leading *. matches every subdomain); a domain belongs to one partner only.
CREATE TABLE fgwPartnerDomain (
  extraDomain NVARCHAR(255) NOT NULL,
  partner NVARCHAR(255) NOT NULL,
  CONSTRAINT fgwPartnerDomain_pk PRIMARY KEY (extraDomain)
);

-- External access policies (Lync New-CsExternalAccessPolicy); the global policy always exists; flags are 0 or 1.
CREATE TABLE fgwAccessPolicy (
  name NVARCHAR(64) NOT NULL,
  description NVARCHAR(1024),
  xmppAccess INT NOT NULL,
  federationAccess INT NOT NULL,
  publicCloudAccess INT NOT NULL,
  outsideAccess INT NOT NULL,
  CONSTRAINT fgwAccessPolicy_pk PRIMARY KEY (name)
);

-- Which policy applies to a user, a group or a SIP-homed address; subjectKind is user, group or sip.
CREATE TABLE fgwPolicyAssignment (
  subjectKind NVARCHAR(8) NOT NULL,
  subject NVARCHAR(255) NOT NULL,
  policy NVARCHAR(64) NOT NULL,
  CONSTRAINT fgwPolicyAssignment_pk PRIMARY KEY (subjectKind, subject)
);

CREATE INDEX fgwPartnerDomain_partner_idx ON fgwPartnerDomain (partner);
CREATE INDEX fgwPolicyAssign_policy_idx ON fgwPolicyAssignment (policy);

INSERT INTO fgwAccessPolicy (name, description, xmppAccess, federationAccess, publicCloudAccess, outsideAccess) VALUES ('global', NULL, 0, 0, 0, 0);

-- Bridged presence subscriptions (RFC 8048), kept across restarts. kind is x2s (a partner user watches a SIP user) or s2x; state is pending or active; routeSet holds one Route per line; expiresAt is milliseconds since 1970. Binary collation: Call-IDs, tags and SIP user parts are case-sensitive (RFC 3261 §19.1.4, §20.8). ownerNode is the Openfire cluster node serving the subscription (its clustering.nodeid; NULL until a node claims it); a surviving node adopts those of a node that left the cluster.
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
  ownerNode NVARCHAR(64) COLLATE Latin1_General_100_BIN2,
  CONSTRAINT fgwSubscription_pk PRIMARY KEY (callId)
);

CREATE INDEX fgwSubscription_users_idx ON fgwSubscription (sipUser, xmppUser);

CREATE INDEX fgwSubscription_owner_idx ON fgwSubscription (ownerNode);

-- The policy's generation: one row, raised in the same transaction as every change to partners, policies or assignments, so each node of an Openfire cluster learns with one read whether its copy of the policy is current.
CREATE TABLE fgwPolicyGeneration (
  id INT NOT NULL,
  generation BIGINT NOT NULL,
  CONSTRAINT fgwPolicyGeneration_pk PRIMARY KEY (id)
);

INSERT INTO fgwPolicyGeneration (id, generation) VALUES (1, 0);

INSERT INTO ofVersion (name, version) VALUES ('federationgateway', 4);
