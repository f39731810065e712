package org.federationgateway.openfire;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.SessionSweep;
import org.federationgateway.enforce.StanzaEnforcer;
import org.federationgateway.lifecycle.Part;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.interceptor.InterceptorManager;

/**
 * Federation policy inside Openfire: the packet interceptor (first in Openfire's list, so no other plugin
 * sees a stanza the policy refuses) and the periodic session sweep. Undone in reverse order.
 */
final class PolicyEnforcementPart implements Part {
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    private final Supplier<PolicySnapshot> snapshot;
    private final PolicyEvaluator evaluator;
    private final Audit audit;
    private final String plugin;
    private final BridgeRoute bridge;
    private final SessionGuard.Cluster cluster;
    private volatile Runnable sweepSoon = () -> { };

    PolicyEnforcementPart(Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, Audit audit, String plugin, BridgeRoute bridge,
                          SessionGuard.Cluster cluster) {
        this.snapshot = snapshot;
        this.evaluator = evaluator;
        this.audit = audit;
        this.plugin = plugin;
        this.bridge = bridge;
        this.cluster = cluster;
    }

    /** Sweeps now rather than at the next interval, e.g. after the policy changed: refused sessions close at once. */
    void sweepSoon() {
        sweepSoon.run();
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public AutoCloseable start() {
        XMPPServer server = XMPPServer.getInstance();
        LocalDomains domains = new LocalDomains(server.getServerInfo().getXMPPDomain());
        Clock clock = Clock.systemUTC();
        OpenfireTexts texts = new OpenfireTexts(plugin);
        StanzaEnforcer enforcer = new StanzaEnforcer(snapshot, evaluator, new OpenfireGroups(domains.domain()), new OpenfireRoster(), audit, texts, clock);
        SessionChecks checks = new SessionChecks(snapshot, evaluator, texts);
        FederationInterceptor interceptor = new FederationInterceptor(domains, enforcer, checks, server.getPacketRouter(), bridge);
        InterceptorManager.getInstance().addInterceptor(0, interceptor);

        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, plugin + "-session-guard");
            t.setDaemon(true);
            return t;
        });
        SessionGuard guard = new SessionGuard(snapshot, new SessionSweep(evaluator), checks, audit, clock,
                server.getPacketRouter(), server.getServerInfo().getXMPPDomain(), cluster);
        sweeper.scheduleWithFixedDelay(guard, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        sweepSoon = () -> {
            try {
                sweeper.execute(guard);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // unloading
            }
        };
        return () -> {
            sweepSoon = () -> { };
            sweeper.shutdownNow();
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
            InterceptorManager.getInstance().removeInterceptor(interceptor);
        };
    }
}
