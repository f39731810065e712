-- Federation Gateway schema, databaseVersion 1, for oracle.
-- Openfire runs this script when it installs the plugin (plugin.xml databaseKey federationgateway).

-- Allowed XMPP partners (Lync New-CsXmppAllowedPartner); primaryDomain is normalised (IDNA A-label, lower case); enums are stored as their stable codes; connectionLimit NULL means the gateway per-partner limit.
CREATE TABLE fgwPartner (
  primaryDomain VARCHAR2(255) NOT NULL,
  partnerType VARCHAR2(32) NOT NULL,
  tlsNegotiation VARCHAR2(16) NOT NULL,
  saslNegotiation VARCHAR2(16) NOT NULL,
  dialback INTEGER NOT NULL,
  keepAlive INTEGER NOT NULL,
  connectionLimit INTEGER,
  proxyFqdn VARCHAR2(255),
  description VARCHAR2(1024),
  CONSTRAINT fgwPartner_pk PRIMARY KEY (primaryDomain)
);

-- Additional domains of a partner (a leading *. matches every subdomain); a domain belongs to one partner only.
CREATE TABLE fgwPartnerDomain (
  extraDomain VARCHAR2(255) NOT NULL,
  partner VARCHAR2(255) NOT NULL,
  CONSTRAINT fgwPartnerDomain_pk PRIMARY KEY (extraDomain)
);

-- External access policies (Lync New-CsExternalAccessPolicy); the global policy always exists; flags are 0 or 1.
CREATE TABLE fgwAccessPolicy (
  name VARCHAR2(64) NOT NULL,
  description VARCHAR2(1024),
  xmppAccess INTEGER NOT NULL,
  federationAccess INTEGER NOT NULL,
  publicCloudAccess INTEGER NOT NULL,
  outsideAccess INTEGER NOT NULL,
  CONSTRAINT fgwAccessPolicy_pk PRIMARY KEY (name)
);

-- Which policy applies to a user, a group or a SIP-homed address; subjectKind is user, group or sip.
CREATE TABLE fgwPolicyAssignment (
  subjectKind VARCHAR2(8) NOT NULL,
  subject VARCHAR2(255) NOT NULL,
  policy VARCHAR2(64) NOT NULL,
  CONSTRAINT fgwPolicyAssignment_pk PRIMARY KEY (subjectKind, subject)
);

CREATE INDEX fgwPartnerDomain_partner_idx ON fgwPartnerDomain (partner);
CREATE INDEX fgwPolicyAssign_policy_idx ON fgwPolicyAssignment (policy);

INSERT INTO fgwAccessPolicy (name, description, xmppAccess, federationAccess, publicCloudAccess, outsideAccess) VALUES ('global', NULL, 0, 0, 0, 0);

INSERT INTO ofVersion (name, version) VALUES ('federationgateway', 1);
