package org.federationgateway.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Subscriptions on a real PostgreSQL 15 on loopback, with the schema from the plugin's own script. */
class SubscriptionRepositoryPostgresIT extends SubscriptionRepositoryContract {
    private static final PolicyServicePostgresIT DATABASES = new PolicyServicePostgresIT();

    @BeforeAll
    static void start() {
        PolicyServicePostgresIT.start();
    }

    @AfterAll
    static void stop() {
        PolicyServicePostgresIT.stop();
    }

    @Override
    ConnectionSource freshDatabase() throws Exception {
        return DATABASES.freshDatabase();
    }
}
