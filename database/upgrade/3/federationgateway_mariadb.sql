-- Federation Gateway schema upgrade to databaseVersion 3 for mariadb: the policy generation for clustered Openfire.
-- Openfire 5.1 and later run this script on MariaDB (earlier versions run the mysql one); its statements are the mysql script's.

-- The policy's generation: one row, raised in the same transaction as every change to partners, policies or assignments, so each node of an Openfire cluster learns with one read whether its copy of the policy is current.
CREATE TABLE fgwPolicyGeneration (
  id INTEGER NOT NULL,
  generation BIGINT NOT NULL,
  CONSTRAINT fgwPolicyGeneration_pk PRIMARY KEY (id)
);

INSERT INTO fgwPolicyGeneration (id, generation) VALUES (1, 0);

UPDATE ofVersion SET version = 3 WHERE name = 'federationgateway';
