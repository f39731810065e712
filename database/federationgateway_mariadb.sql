-- Federation Gateway schema, databaseVersion 2, for mariadb.
-- Openfire 5.1 and later run this script on MariaDB (earlier versions run the mysql one); its statements are the mysql script's.
-- Openfire runs this script when it installs the plugin (plugin.xml databaseKey federationgateway).

-- Allowed XMPP partners (Lync New-CsXmppAllowedPartner); primaryDomain is normalised (IDNA A-label, lower case); enums are stored as their stable codes; connectionLimit NULL means the gateway per-partner limit.
CREATE TABLE fgwPartner (
  primaryDomain VARCHAR(255) NOT NULL,
  partnerType VARCHAR(32) NOT NULL,
  tlsNegotiation VARCHAR(16) NOT NULL,
  saslNegotiation VARCHAR(16) NOT NULL,
  dialback INTEGER NOT NULL,
  keepAlive INTEGER NOT NULL,
  connectionLimit INTEGER,
  proxyFqdn VARCHAR(255),
  description VARCHAR(1024),
  CONSTRAINT fgwPartner_pk PRIMARY KEY (primaryDomain)
);

-- Additional domains of a partner (a leading *. matches every subdomain); a domain belongs to one partner only.
CREATE TABLE fgwPartnerDomain (
  extraDomain VARCHAR(255) NOT NULL,
  partner VARCHAR(255) NOT NULL,
  CONSTRAINT fgwPartnerDomain_pk PRIMARY KEY (extraDomain)
);

-- External access policies (Lync New-CsExternalAccessPolicy); the global policy always exists; flags are 0 or 1.
CREATE TABLE fgwAccessPolicy (
  name VARCHAR(64) NOT NULL,
  description VARCHAR(1024),
  xmppAccess INTEGER NOT NULL,
  federationAccess INTEGER NOT NULL,
  publicCloudAccess INTEGER NOT NULL,
  outsideAccess INTEGER NOT NULL,
  CONSTRAINT fgwAccessPolicy_pk PRIMARY KEY (name)
);

-- Which policy applies to a user, a group or a SIP-homed address; subjectKind is user, group or sip.
CREATE TABLE fgwPolicyAssignment (
  subjectKind VARCHAR(8) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  policy VARCHAR(64) NOT NULL,
  CONSTRAINT fgwPolicyAssignment_pk PRIMARY KEY (subjectKind, subject)
);

CREATE INDEX fgwPartnerDomain_partner_idx ON fgwPartnerDomain (partner);
CREATE INDEX fgwPolicyAssign_policy_idx ON fgwPolicyAssignment (policy);

INSERT INTO fgwAccessPolicy (name, description, xmppAccess, federationAccess, publicCloudAccess, outsideAccess) VALUES ('global', NULL, 0, 0, 0, 0);

-- Bridged presence subscriptions (RFC 8048), kept across restarts. kind is x2s (a partner user watches a SIP user) or s2x; state is pending or active; routeSet holds one Route per line; expiresAt is milliseconds since 1970. Binary collation: Call-IDs, tags and SIP user parts are case-sensitive (RFC 3261 §19.1.4, §20.8). ownerNode is the Openfire cluster node serving the subscription (its clustering.nodeid; NULL until a node claims it); a surviving node adopts those of a node that left the cluster.
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
  ownerNode VARCHAR(64),
  CONSTRAINT fgwSubscription_pk PRIMARY KEY (callId)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE INDEX fgwSubscription_users_idx ON fgwSubscription (sipUser, xmppUser);

CREATE INDEX fgwSubscription_owner_idx ON fgwSubscription (ownerNode);

-- The policy's generation: one row, raised in the same transaction as every change to partners, policies or assignments, so each node of an Openfire cluster learns with one read whether its copy of the policy is current.
CREATE TABLE fgwPolicyGeneration (
  id INTEGER NOT NULL,
  generation BIGINT NOT NULL,
  CONSTRAINT fgwPolicyGeneration_pk PRIMARY KEY (id)
);

INSERT INTO fgwPolicyGeneration (id, generation) VALUES (1, 0);

INSERT INTO ofVersion (name, version) VALUES ('federationgateway', 4);
