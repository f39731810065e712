package org.federationgateway.testing.peers;

/**
 * The loopback block the real-peer tests own: 127.0.70.0/24. Other suites use other blocks (the Openfire
 * lifecycle test 127.0.60.x), so peers can keep their standard ports (5222, 5269) on their own address.
 */
public final class TestNetwork {
    /** Prosody (or Openfire, later) serving a.test. */
    public static final String A_TEST_IP = "127.0.70.2";
    /** Prosody serving b.test. */
    public static final String B_TEST_IP = "127.0.70.3";
    /** ejabberd, serving whichever domain a test gives it (b.test in the self-test). */
    public static final String EJABBERD_IP = "127.0.70.4";
    public static final String POSTGRES_IP = "127.0.70.5";
    /** MariaDB (the database tests' own block, beside PostgreSQL's). */
    public static final String MARIADB_IP = "127.0.72.5";
    public static final String DNS_IP = "127.0.70.53";

    public static final String A_TEST = "a.test";
    public static final String B_TEST = "b.test";

    private TestNetwork() {
    }
}
