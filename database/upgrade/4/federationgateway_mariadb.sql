-- Federation Gateway schema upgrade to databaseVersion 4 for mariadb: the cluster node that serves each bridged presence subscription.
-- Openfire 5.1 and later run this script on MariaDB (earlier versions run the mysql one); its statements are the mysql script's.

-- Which Openfire cluster node serves a subscription (its clustering.nodeid); NULL for one taken over from before version 4, which the first node to start claims. A surviving node adopts the subscriptions of a node that left the cluster.
ALTER TABLE fgwSubscription ADD COLUMN ownerNode VARCHAR(64);

CREATE INDEX fgwSubscription_owner_idx ON fgwSubscription (ownerNode);

UPDATE ofVersion SET version = 4 WHERE name = 'federationgateway';
