package org.federationgateway.store;

/** Subscriptions on real HSQLDB, with the schema from the plugin's own script. */
class SubscriptionRepositoryHsqldbTest extends SubscriptionRepositoryContract {
    @Override
    ConnectionSource freshDatabase() throws Exception {
        return new PolicyServiceHsqldbTest().freshDatabase();
    }
}
