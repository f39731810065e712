package org.federationgateway.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Subscriptions on a real MariaDB on loopback, with the schema from the plugin's MySQL script. */
class SubscriptionRepositoryMariaDbIT extends SubscriptionRepositoryContract {
    @BeforeAll
    static void start() {
        PolicyServiceMariaDbIT.start();
    }

    @AfterAll
    static void stop() {
        PolicyServiceMariaDbIT.stop();
    }

    @Override
    ConnectionSource freshDatabase() throws Exception {
        return PolicyServiceMariaDbIT.freshSchema(PolicyServiceMariaDbIT.server());
    }
}
