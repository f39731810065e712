package org.federationgateway.openfire;

import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.federationgateway.BuildInfo;
import org.federationgateway.admin.AdminChanges;
import org.federationgateway.admin.GatewaySettingsPage;
import org.federationgateway.api.Api;
import org.federationgateway.admin.Pages;
import org.federationgateway.admin.PartnerEditPage;
import org.federationgateway.admin.PartnersPage;
import org.federationgateway.admin.PoliciesPage;
import org.federationgateway.admin.ReadinessPage;
import org.federationgateway.admin.SipSettingsPage;
import org.federationgateway.admin.StatusPage;
import org.federationgateway.admin.TestMessagePage;
import org.federationgateway.admin.TransferPage;
import org.federationgateway.admin.PageResult;
import org.federationgateway.admin.StatisticsView;
import org.federationgateway.testmessage.TestMessages;
import org.federationgateway.lifecycle.Part;
import org.federationgateway.lifecycle.PartStarter;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.lifecycle.Registrations;
import org.federationgateway.lifecycle.RestartablePart;
import org.federationgateway.audit.Audit;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.status.History;
import org.federationgateway.status.Metrics;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.StoreException;
import org.federationgateway.store.Transactions;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * Openfire's entry point. {@link #initializePlugin} wires the parts and records how to undo each
 * registration; {@link #destroyPlugin} undoes them in reverse order, so replacing the jar reloads the
 * plugin with nothing left behind.
 */
public final class FederationGatewayPlugin implements Plugin {
    private static final Logger LOG = NodeLog.getLogger(FederationGatewayPlugin.class);

    /** Openfire's canonical name for this plugin: jar, bundle and URL path. */
    public static final String CANONICAL_NAME = "federationgateway";

    private static final int LATEST_REFUSALS = 100;

    private Registrations registrations;
    private volatile Audit audit;
    private volatile PolicyService policy;
    private volatile List<PartStatus> parts = List.of();
    private volatile Pages pages;
    private volatile Api api;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        String version = BuildInfo.version();
        // Links the members whose signature differs between Openfire versions now, so a version the plugin cannot
        // work with fails the load with the member's name instead of an administrator's first save.
        LOG.debug("Federation Gateway: linked by name on this Openfire: {}", VersionBridge.calls().stream().map(VoidCall::member).toList());
        registrations = new Registrations();
        // Openfire also removes a plugin's properties after destroyPlugin; undoing it ourselves keeps
        // destroyPlugin a mirror of this method whoever calls it.
        registrations.add("system-properties", () -> SystemProperty.removePropertiesForPlugin(CANONICAL_NAME));
        OpenfireSettings settings = OpenfireSettings.register(CANONICAL_NAME);

        String domain = XMPPServer.getInstance().getServerInfo().getXMPPDomain();
        audit = new Audit(LATEST_REFUSALS);
        policy = loadPolicy(settings);
        settings.onChange(policy::applySettings);
        settings.onRequireFederationAccessChange(policy::applyRequireFederationAccess);
        PolicyEvaluator evaluator = new PolicyEvaluator();
        BridgeRoute bridgeRoute = new BridgeRoute();
        // Presence another cluster node hands over for a SIP watcher served here (ForwardedPresence) reaches this bridge.
        registrations.add("cluster-presence-receiver", ForwardedPresence.receiveWith(bridgeRoute));
        OpenfireSipSettings sipSettings = new OpenfireSipSettings(CANONICAL_NAME);
        SipBridgePart sipBridge = new SipBridgePart(sipSettings, policy::current, audit, bridgeRoute, CANONICAL_NAME,
                () -> settings.current().subscriptionRefresh());
        // The SIP front end page restarts the bridge after a change; unload stops whichever instance runs then.
        RestartablePart restartableSip = new RestartablePart(sipBridge);
        registrations.add("sip-bridge-restartable", restartableSip);
        ClusterNodes nodes = new ClusterNodes(CANONICAL_NAME, () -> parts, sipBridge::frontEndView, audit, java.time.Clock.systemUTC());
        PolicyEnforcementPart enforcement = new PolicyEnforcementPart(policy::current, evaluator, audit, CANONICAL_NAME, bridgeRoute, nodes);
        ClusterPolicySync sync = new ClusterPolicySync(policy, CANONICAL_NAME, enforcement::sweepSoon);
        // Added before the enforcement part adds its interceptor in first place, so answers to a test message meet
        // the federation policy before this takes them.
        OpenfireTexts serverTexts = new OpenfireTexts(CANONICAL_NAME);
        OpenfireTestMessage testSides = new OpenfireTestMessage(domain, XMPPServer.getInstance().getPacketRouter(), bridgeRoute, serverTexts);
        InterceptorManager.getInstance().addInterceptor(0, testSides);
        registrations.add("test-message-interceptor", () -> InterceptorManager.getInstance().removeInterceptor(testSides));
        List<Part> wanted = List.of(nodes, enforcement, restartableSip, sync);
        parts = new PartStarter(registrations).startAll(wanted);

        OpenfireTexts messages = new OpenfireTexts(CANONICAL_NAME);
        GatewaySettingsPage.Store settingsStore = new GatewaySettingsPage.Store() {
            @Override
            public GatewaySettings current() {
                return settings.current();
            }

            @Override
            public void save(GatewaySettings changed) {
                settings.save(changed);
            }
        };
        SipSettingsPage.Store sipStore = new SipSettingsPage.Store() {
            @Override
            public Map<String, String> current() {
                return sipSettings.texts();
            }

            @Override
            public void save(Map<String, String> values) {
                sipSettings.save(values);
            }

            @Override
            public SipSettingsPage.ListenNode listenNode() {
                boolean clustered = OpenfireSipSettings.clusteringEnabled();
                return new SipSettingsPage.ListenNode(clustered, OpenfireSipSettings.nodeLocalAddress(), NodeSipAddress.XML_KEY);
            }

            @Override
            public PartStatus apply() {
                PartStatus restarted = restartableSip.restart();
                parts = parts.stream().map(p -> p.part().equals(restarted.part()) ? restarted : p).toList();
                LOG.info("Federation Gateway: SIP settings changed in the admin console; {}", summary(List.of(restarted))
                        + (restarted.cause() == null ? "" : " (" + restarted.cause() + ")"));
                return restarted;
            }
        };
        OpenfireSessions sessions = new OpenfireSessions();
        List<Metrics.Metric> metrics = Metrics.of(audit, sessions, policy::current, sipBridge::frontEndRoundTripMillis);
        History history = new History(metrics);
        registrations.add("statistics", OpenfireStatistics.register(metrics, messages));
        registrations.add("statistics-history", OpenfireStatistics.sampleEveryMinute(history));
        pages = new Pages(Map.of(
                "status", new StatusPage(version, new StatusPage.Sources(() -> parts, sessions, sipBridge::frontEndView,
                        policy::current, audit, () -> nodes.status(sessions.get())), history, messages),
                "gateway-settings", new GatewaySettingsPage(settingsStore, messages),
                "sip-settings", new SipSettingsPage(sipStore, () -> parts, messages),
                "readiness", new ReadinessPage(new OpenfireReadiness(CANONICAL_NAME, policy::current, () -> parts, sipBridge::frontEndView,
                        sipSettings::effectiveTexts), messages),
                "partners", new PartnersPage(policy, messages),
                "partner-edit", new PartnerEditPage(policy, messages),
                "transfer", new TransferPage(policy, messages),
                "test-message", new TestMessagePage(new TestMessages(policy::current, evaluator, new OpenfireGroups(domain), testSides, testSides,
                        messages, Clock.systemUTC(), System::nanoTime), messages),
                // No view of its own: the status API adds what Openfire's StatisticsManager holds for the plugin.
                "statistics", request -> PageResult.render(new StatisticsView(OpenfireStatistics.readBack(metrics))),
                "policies", new PoliciesPage(policy, new OpenfireGroups(domain), messages)), messages,
                new AdminChanges(() -> pages == null ? Map.of() : Api.auditState(policy, pages), new OpenfireAuditLog()));
        registrations.add("admin-pages", () -> pages = null);

        OpenfireApi apiSettings = new OpenfireApi(CANONICAL_NAME);
        api = new Api(apiSettings.access(), pages, policy, new OpenfireGroups(domain));
        registrations.add("rest-api", () -> api = null);
        registrations.add("rest-api-login-exemptions", OpenfireApi.exemptFromAdminLogin(CANONICAL_NAME));

        LOG.info("Federation Gateway {} loaded: mode={}, parts: {}", version, settings.current().mode().code(), summary(parts));
    }

    @Override
    public void destroyPlugin() {
        Registrations toClose = registrations;
        registrations = null;
        if (toClose == null) {
            return;
        }
        List<String> failed = toClose.closeAll();
        parts = List.of();
        if (failed.isEmpty()) {
            LOG.info("Federation Gateway unloaded: every registration undone");
        } else {
            LOG.warn("Federation Gateway unloaded; these could not be undone: {}", failed);
        }
    }

    /**
     * The stored policy. If the database cannot be read, federation is refused (an empty policy allows no
     * partner) rather than left open, and the cause is logged.
     */
    private static PolicyService loadPolicy(OpenfireSettings settings) {
        Transactions transactions = new Transactions(DbConnectionManager::getConnection);
        try {
            return PolicyService.load(transactions, settings.current(), settings.requireFederationAccess());
        } catch (StoreException | IllegalArgumentException e) {
            LOG.error("Federation Gateway: cannot load the federation policy from the database, so every partner is refused until this is fixed: {}",
                    e.getMessage(), e);
            return PolicyService.empty(transactions, settings.current());
        }
    }

    /** The admin pages while the plugin is loaded; empty once it is unloading. */
    Pages pages() {
        return pages;
    }

    /** The REST API while the plugin is loaded; null once it is unloading. */
    Api api() {
        return api;
    }

    List<PartStatus> parts() {
        return parts;
    }

    static String summary(List<PartStatus> parts) {
        if (parts.isEmpty()) {
            return "none";
        }
        return parts.stream()
                .map(p -> p.part() + "=" + p.state().code())
                .collect(Collectors.joining(", "));
    }
}
