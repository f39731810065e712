package org.federationgateway.standalone;

import java.io.IOException;
import java.time.Clock;

import org.federationgateway.audit.Audit;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.component.ComponentHost;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.gateway.XmppUnavailableException;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SubscriptionRepository;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * The gateway core hosted as an XEP-0114 component of Prosody or ejabberd: every SIP user lives at the
 * component's domain. The policy applies to what a component sees (the sender's partner domain, the SIP
 * user's access policy); session-level TLS/SASL rules need Openfire. The bridge itself is assembled by
 * {@link SipBridge}; this host passes in the component link as its XMPP outlet.
 */
public final class ComponentGateway implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(ComponentGateway.class);
    /** Refusals kept for the log; the standalone gateway has no status page. */
    private static final int LATEST_REFUSALS = 100;

    private final ComponentHost host;
    private final SipBridge bridge;
    private final PolicyService policy;
    private final StandaloneDatabase database;
    private final Audit audit = new Audit(LATEST_REFUSALS);

    private ComponentGateway(StandaloneConfig config, StandaloneDatabase db) throws Exception {
        database = db;
        policy = db.policy(config);
        String componentDomain = config.component().componentDomain();
        host = ComponentHost.open(config.component());
        XmppOutlet xmpp = packet -> {
            try {
                host.send(packet);
            } catch (IOException e) {
                throw new XmppUnavailableException(e.getMessage(), e);
            }
        };
        bridge = SipBridge.start(config.sip(), new SipBridge.Host(policy::current, xmpp, SipHoming.componentDomain(componentDomain),
                new InMemorySubscriptions(new SubscriptionRepository(db.transactions())), new StandaloneTexts(), audit,
                Clock.systemUTC()), new SipBridge.Options("gateway-" + componentDomain, config.subscriptionExpiry(), config.capacity()));
        host.serve(bridge::accept);
        LOG.info("Federation Gateway component {} started, {} partner(s)", componentDomain, policy.current().partners().size());
    }

    /** Starts the gateway: the database (schema created if missing), the SIP stack and the component link. */
    public static ComponentGateway start(StandaloneConfig config) throws Exception {
        StandaloneDatabase db = StandaloneDatabase.open(config);
        try {
            return new ComponentGateway(config, db);
        } catch (Exception | Error e) {
            // not handled here: the database opened above is closed whatever stopped the start, then it is rethrown
            db.close();
            throw e;
        }
    }

    public PolicyService policy() {
        return policy;
    }

    public PresenceBridge presence() {
        return bridge.presence();
    }

    /** The latest refusals with their reason codes, and the counters (also written to the log). */
    public Audit audit() {
        return audit;
    }

    public ComponentHost componentHost() {
        return host;
    }

    public SipEndpoint sipEndpoint() {
        return bridge.endpoint();
    }

    @Override
    public void close() {
        host.close();
        bridge.close();
        database.close();
    }
}
