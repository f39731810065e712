package org.federationgateway.testing.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * Kamailio 5.6 from Debian as the SIP front end: registrar (location in memory), presence server on sqlite
 * (PUBLISH/SUBSCRIBE for its own domain), and a proxy that sends requests for any other domain to the
 * gateway under test, as a SIP platform routes federated domains to its XMPP gateway. UDP and TCP on one
 * loopback address, port 5060. Stopped by PID.
 */
public final class KamailioPeer implements AutoCloseable {
    public static final String BINARY = "/usr/sbin/kamailio";
    public static final int PORT = 5060;

    private final String domain;
    private final String address;
    private final Path directory;
    private final PeerProcess process;

    private KamailioPeer(String domain, String address, Path directory, PeerProcess process) {
        this.domain = domain;
        this.address = address;
        this.directory = directory;
        this.process = process;
    }

    public static Builder builder(String domain, String address) {
        return new Builder(domain, address);
    }

    public static final class Builder {
        private final String domain;
        private final String address;
        private String gateway = "";
        private List<String> dispatched = List.of();
        private Path directory;
        private TestCertificates ca;
        private IssuedCertificate certificate;

        private Builder(String domain, String address) {
            Ports.requireLoopback(address);
            this.domain = domain;
            this.address = address;
        }

        /** Requests for other domains go to {@code host:port} over {@code transport}. */
        public Builder gateway(String host, int port, String transport) {
            Ports.requireLoopback(host);
            this.gateway = "sip:" + host + ":" + port + ";transport=" + transport;
            return this;
        }

        /**
         * Requests for other domains go to a destination set of gateway nodes (Kamailio's dispatcher module), each
         * probed with OPTIONS every 2 s, chosen round robin among those answering; a node that does not answer a
         * request (or answers 408/5xx) is marked inactive and the request goes to the next one.
         */
        public Builder dispatcher(List<String> hosts, int port, String transport) {
            hosts.forEach(Ports::requireLoopback);
            this.dispatched = hosts.stream().map(h -> "sip:" + h + ":" + port + ";transport=" + transport).toList();
            return this;
        }

        /** Also listens for TLS on port 5061 with this certificate, and presents it when it connects to the gateway. */
        public Builder tls(TestCertificates authority, IssuedCertificate cert) {
            this.ca = authority;
            this.certificate = cert;
            return this;
        }

        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        public KamailioPeer start() {
            PeerBinaries.require(BINARY, "kamailio");
            PeerBinaries.requirePackage("kamailio-presence-modules");
            PeerBinaries.requirePackage("kamailio-sqlite-modules");
            PeerBinaries.require("/usr/bin/sqlite3", "sqlite3");
            Path dir = directory == null ? PeerDirectories.fresh("kamailio-" + domain) : directory;
            PeerDirectories.wipe(dir);
            Path run = dir.resolve("run");
            PeerDirectories.write(run.resolve(".keep"), "");
            Path db = dir.resolve("presence.sqlite");
            for (String schema : List.of("standard-create.sql", "presence-create.sql")) {
                Commands.run(Duration.ofSeconds(30), "sh", "-c", "sqlite3 '" + db + "' < /usr/share/kamailio/db_sqlite/" + schema);
            }
            Path cfg = dir.resolve("kamailio.cfg");
            String tlsConfig = "";
            if (certificate != null) {
                PeerBinaries.requirePackage("kamailio-tls-modules");
                Path tlsCfg = dir.resolve("tls.cfg");
                String files = "private_key = " + certificate.keyPem() + "\ncertificate = " + certificate.certificatePem()
                        + "\nca_list = " + ca.caCertificatePem() + "\n";
                PeerDirectories.write(tlsCfg, "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n" + files
                        + "\n[client:default]\nmethod = TLSv1.2+\nverify_certificate = yes\nrequire_certificate = yes\n" + files);
                tlsConfig = "enable_tls=yes\nlisten=tls:" + address + ":5061\nloadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"" + tlsCfg + "\")\n";
            }
            String text = config(domain, address, gateway, run, db).replace("#TLS#\n", tlsConfig);
            if (!dispatched.isEmpty()) {
                Path list = dir.resolve("dispatcher.list");
                StringBuilder lines = new StringBuilder();
                dispatched.forEach(d -> lines.append("1 ").append(d).append('\n'));
                PeerDirectories.write(list, lines.toString());
                text = withDispatcher(text, domain, list);
            }
            PeerDirectories.write(cfg, text);
            Commands.run(Duration.ofSeconds(30), BINARY, "-c", "-f", cfg.toString());
            PeerProcess process = PeerProcess.start("kamailio " + domain, List.of(BINARY, "-f", cfg.toString(), "-DD", "-E",
                    "-Y", run.toString(), "-P", run.resolve("kamailio.pid").toString(), "-m", "256", "-M", "8"),
                    dir.resolve("kamailio.log"), Map.of(), "TERM");
            KamailioPeer peer = new KamailioPeer(domain, address, dir, process);
            try {
                process.awaitPort(address, PORT, Duration.ofSeconds(20));
            } catch (RuntimeException | Error e) {
                peer.close();
                throw e;
            }
            return peer;
        }
    }

    // 256 MB of shared memory: at 1,000 MESSAGEs per second the default 64 MB runs out of room for transactions.
    static String config(String domain, String address, String gateway, Path run, Path db) {
        String gatewayHost = gateway.isEmpty() ? "-" : gateway.replaceAll("^sip:([^:;]+).*$", "$1");
        String toGateway = gateway.isEmpty()
                ? "sl_send_reply(\"403\", \"Relaying forbidden\"); exit;"
                : "$du = \"" + gateway + "\"; route(RELAY);";
        return """
                #!KAMAILIO
                debug=2
                log_stderror=yes
                children=2
                tcp_children=2
                disable_sctp=yes
                auto_aliases=no
                dns=no
                rev_dns=no
                use_dns_cache=no
                listen=udp:%2$s:5060
                listen=tcp:%2$s:5060
                # outgoing TCP from the address it listens on, so the gateway sees the front end's own address
                tcp_source_ipv4=%2$s
                alias="%1$s"
                alias="%2$s:5060"
                server_header="Server: test-kamailio"
                #TLS#

                loadmodule "kex.so"
                loadmodule "corex.so"
                loadmodule "tm.so"
                loadmodule "tmx.so"
                loadmodule "sl.so"
                loadmodule "rr.so"
                loadmodule "pv.so"
                loadmodule "maxfwd.so"
                loadmodule "usrloc.so"
                loadmodule "registrar.so"
                loadmodule "textops.so"
                loadmodule "siputils.so"
                loadmodule "xlog.so"
                loadmodule "sanity.so"
                loadmodule "ctl.so"
                loadmodule "db_sqlite.so"
                loadmodule "presence.so"
                loadmodule "presence_xml.so"
                loadmodule "nathelper.so"

                modparam("ctl", "binrpc", "unix:%4$s/kamailio_ctl")
                modparam("usrloc", "db_mode", 0)
                modparam("registrar", "max_expires", 3600)
                modparam("registrar", "default_expires", 600)
                # a UA behind NAT (or a relay) is reached at the address its REGISTER came from, over that connection
                modparam("nathelper", "received_avp", "$avp(RECEIVED)")
                modparam("registrar", "received_avp", "$avp(RECEIVED)")
                modparam("rr", "enable_full_lr", 1)
                modparam("tm", "fr_timer", 4000)
                modparam("presence", "db_url", "sqlite://%5$s")
                modparam("presence", "subs_db_mode", 0)
                modparam("presence", "publ_cache", 1)
                modparam("presence", "server_address", "sip:%1$s@%2$s:5060")
                modparam("presence_xml", "db_url", "sqlite://%5$s")
                modparam("presence_xml", "force_active", 1)

                request_route {
                	xlog("L_INFO", "$rm $ru from $si:$sp/$pr\\n");
                	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                	if (!sanity_check("17895", "7")) { exit; }
                	route(NAT);
                	if (has_totag()) {
                		# in-dialog: the route set recorded on the dialog's first request brings it here
                		if (loose_route()) {
                			xlog("L_INFO", "in-dialog $rm $ru Call-ID $ci from $si:$sp routed by its route set\n");
                			if (!isdsturiset()) { handle_ruri_alias(); }
                			# RFC 6665: a NOTIFY may arrive before the 200 of its SUBSCRIBE and then sets the subscriber's route set
                			if (is_method("NOTIFY")) { record_route(); }
                			route(RELAY);
                			exit;
                		}
                		if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
                		if (is_method("SUBSCRIBE") && uri==myself) { route(PRESENCE); exit; }
                		if (!uri==myself) { route(RELAY); exit; }
                		sl_send_reply("404", "Not here");
                		exit;
                	}
                	if (is_method("CANCEL")) { if (t_check_trans()) { route(RELAY); } exit; }
                	if (t_precheck_trans()) { t_check_trans(); exit; }
                	t_check_trans();
                	remove_hf("Route");
                	# every dialog that starts here stays on this proxy: its in-dialog requests and refreshes come back through it
                	if (is_method("INVITE|SUBSCRIBE|REFER|MESSAGE")) { record_route(); }
                	if (is_method("REGISTER")) {
                		if (!save("location")) { sl_reply_error(); }
                		exit;
                	}
                	if (is_method("OPTIONS") && uri==myself && $rU==$null) { sl_send_reply("200", "Keepalive"); exit; }
                	if (!uri==myself) {
                		%3$s
                	}
                	if (is_method("PUBLISH|SUBSCRIBE")) { route(PRESENCE); exit; }
                	if ($rU==$null) { sl_send_reply("484", "Address Incomplete"); exit; }
                	if (!lookup("location")) {
                		t_newtran();
                		t_reply("404", "Not Found");
                		exit;
                	}
                	route(RELAY);
                }

                route[RELAY] {
                	if (!t_relay()) { sl_reply_error(); }
                	exit;
                }

                # A UA whose source is not the address and port it claims in Via (a NAT, or a relay in front of it): its
                # registration remembers the source, its Contact gets an alias of the source (RFC 3261 connection reuse).
                # Not for the gateway, a server with its own listener.
                route[NAT] {
                	force_rport();
                	if ($si != "%6$s" && nat_uac_test("18")) {
                		if (is_method("REGISTER")) { fix_nated_register(); }
                		else if (is_first_hop()) { add_contact_alias(); }
                	}
                }

                route[PRESENCE] {
                	if (!t_newtran()) { sl_reply_error(); exit; }
                	if (is_method("PUBLISH")) { handle_publish(); t_release(); }
                	else if (is_method("SUBSCRIBE")) { handle_subscribe(); t_release(); }
                	exit;
                }

                onreply_route {
                	xlog("L_INFO", "reply $rs $rr for $rm from $si:$sp\\n");
                }
                """.formatted(domain, address, toGateway, run, db, gatewayHost);
    }

    /** The gateway route replaced by the dispatcher set 1, with failover to the next node. */
    static String withDispatcher(String config, String domain, Path list) {
        String modules = """
                loadmodule "dispatcher.so"
                modparam("dispatcher", "list_file", "%1$s")
                modparam("dispatcher", "flags", 2)
                modparam("dispatcher", "ds_ping_method", "OPTIONS")
                modparam("dispatcher", "ds_ping_from", "sip:dispatcher@%2$s")
                modparam("dispatcher", "ds_ping_interval", 2)
                modparam("dispatcher", "ds_probing_mode", 1)
                modparam("dispatcher", "ds_probing_threshold", 1)
                modparam("dispatcher", "ds_inactive_threshold", 1)
                modparam("dispatcher", "ds_ping_reply_codes", "class=2")

                request_route {
                """.formatted(list, domain);
        String toNodes = "if (!ds_select_dst(\"1\", \"4\")) { sl_send_reply(\"503\", \"No gateway node available\"); exit; }\n"
                + "\t\tt_on_failure(\"NEXT_NODE\");\n\t\troute(RELAY);";
        String failover = """

                failure_route[NEXT_NODE] {
                	if (t_is_canceled()) { exit; }
                	if (t_branch_timeout() || t_check_status("408|5[0-9][0-9]")) {
                		xlog("L_INFO", "gateway node $du failed for $rm; marking it inactive\\n");
                		ds_mark_dst("ip");
                		if (ds_next_dst()) { t_on_failure("NEXT_NODE"); t_relay(); exit; }
                	}
                }

                onreply_route {""";
        if (!config.contains("Relaying forbidden")) {
            throw new IllegalStateException("a dispatcher set replaces the gateway: set no gateway(...) as well");
        }
        return config.replaceFirst("request_route \\{\n", java.util.regex.Matcher.quoteReplacement(modules))
                .replace("sl_send_reply(\"403\", \"Relaying forbidden\"); exit;", toNodes)
                .replace("\n\nonreply_route {", failover);
    }

    /** Kamailio's own view of the dispatcher set ({@code kamcmd dispatcher.list}): each node's URI and flags (AP: active, probing). */
    public String dispatcherList() {
        return Commands.run(Duration.ofSeconds(10), "/usr/sbin/kamcmd", "-s", "unix:" + directory.resolve("run/kamailio_ctl"), "dispatcher.list");
    }

    public String domain() {
        return domain;
    }

    public String address() {
        return address;
    }

    public int port() {
        return PORT;
    }

    public String log() {
        return process.log();
    }

    public String awaitLog(Pattern pattern, Duration timeout) {
        return PeerProcess.awaitLog("kamailio " + domain, this::log, pattern, timeout);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
