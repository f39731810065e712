package org.federationgateway.openfire;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.federationgateway.api.Api;
import org.jivesoftware.openfire.XMPPServer;

/**
 * Declared in web.xml for {@code /api/v1/*}; hands each call to the running plugin's {@link Api}, or answers
 * 503 while the plugin is not loaded.
 */
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Servlet-context attribute holding the {@link Api} where the plugin runs outside Openfire (tests). */
    public static final String API_ATTRIBUTE = Api.class.getName();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Api api = locate();
        if (api == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Federation Gateway is not loaded");
            return;
        }
        api.service(request, response);
    }

    private Api locate() {
        Object fromContext = getServletContext().getAttribute(API_ATTRIBUTE);
        if (fromContext instanceof Api api) {
            return api;
        }
        return XMPPServer.getInstance().getPluginManager()
                .getPluginByCanonicalName(FederationGatewayPlugin.CANONICAL_NAME)
                .filter(FederationGatewayPlugin.class::isInstance)
                .map(p -> ((FederationGatewayPlugin) p).api())
                .orElse(null);
    }
}
