package org.federationgateway.testing.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.SimpleInstanceManager;
import org.eclipse.jetty.ee8.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee8.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.federationgateway.i18n.Messages;
import org.federationgateway.admin.PageController;
import org.federationgateway.admin.Pages;
import org.federationgateway.api.Api;
import org.federationgateway.openfire.ApiServlet;
import org.federationgateway.openfire.PageTag;
import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.Ports;

/**
 * The plugin's web layer (precompiled views, merged web.xml, page controllers) served by an embedded Jetty 12
 * ee8 under the path Openfire gives it, without Openfire's console decoration.
 */
public final class AdminWebServer implements AutoCloseable {
    public static final String CONTEXT = "/plugins/federationgateway";

    private final Server server;
    private final String baseUrl;

    private AdminWebServer(Server server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    public static AdminWebServer start(String address, Map<String, PageController> controllers, Messages messages) throws Exception {
        return start(address, new Pages(controllers, messages), null);
    }

    /** The pages and, when given, the REST API under {@code /api/v1/}, as Openfire serves them to the plugin. */
    public static AdminWebServer start(String address, Pages pages, Api api) throws Exception {
        Ports.requireLoopback(address);
        Path webXml = PluginRoot.resolve("target/web.xml");
        if (!Files.isRegularFile(webXml)) {
            throw new IllegalStateException("run `mvn package` first: no merged " + webXml);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(address);
        connector.setPort(0);
        server.addConnector(connector);

        WebAppContext context = new WebAppContext();
        context.setContextPath(CONTEXT);
        context.setBaseResourceAsPath(PluginRoot.resolve("web"));
        context.setDescriptor(webXml.toString());
        context.setParentLoaderPriority(true);
        context.setAttribute(InstanceManager.class.getName(), new SimpleInstanceManager());
        context.addServletContainerInitializer(new JettyJasperInitializer());
        context.setAttribute(PageTag.PAGES_ATTRIBUTE, pages);
        if (api != null) {
            context.setAttribute(ApiServlet.API_ATTRIBUTE, api);
        }
        server.setHandler(context);
        server.start();
        return new AdminWebServer(server, "http://" + address + ":" + connector.getLocalPort() + CONTEXT);
    }

    /** The base URL, {@code http://address:port/plugins/federationgateway}. */
    public String base() {
        return baseUrl;
    }

    public String url(String page) {
        return baseUrl + "/" + page;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
