package org.federationgateway.openfire;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.jsp.JspException;
import javax.servlet.jsp.PageContext;
import javax.servlet.jsp.SkipPageException;
import javax.servlet.jsp.tagext.SimpleTagSupport;

import org.federationgateway.i18n.Messages;
import org.federationgateway.admin.PageController;
import org.federationgateway.admin.PageResult;
import org.federationgateway.admin.Pages;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.auth.AuthToken;

/**
 * {@code <fg:page name="..."/>} at the top of a view runs that page's controller and exposes its model as
 * {@code model} and the bundle as {@code msg}; a redirect ends the page. This keeps views free of
 * scriptlets while they stay precompiled JSPs, as Openfire serves them.
 */
public final class PageTag extends SimpleTagSupport {
    /** Servlet-context attribute holding {@link Pages} where the plugin runs outside Openfire (tests). */
    public static final String PAGES_ATTRIBUTE = Pages.class.getName();

    private String name;

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext context = (PageContext) getJspContext();
        HttpServletRequest request = (HttpServletRequest) context.getRequest();
        HttpServletResponse response = (HttpServletResponse) context.getResponse();
        Pages pages = locatePages(context);
        if (pages == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Federation Gateway is not loaded");
            throw new SkipPageException();
        }
        PageController controller = pages.controller(name)
                .orElseThrow(() -> new JspException("no controller for page '" + name + "'"));
        request.setAttribute("msg", new MessageMap(pages.messages()));
        if (!CsrfGuard.accepts(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, pages.messages().get("error.csrf"));
            throw new SkipPageException();
        }
        PageResult result = "GET".equalsIgnoreCase(request.getMethod()) || "HEAD".equalsIgnoreCase(request.getMethod())
                || Pages.ACTIONS_WITHOUT_CHANGES.contains(name)
                ? controller.handle(request)
                : pages.changes().apply(actor(request), "Federation Gateway console: " + name + " ("
                        + (request.getParameter("action") == null ? "save" : request.getParameter("action")) + ")", () -> controller.handle(request));
        CsrfGuard.issue(request);
        if (result instanceof PageResult.Redirect redirect) {
            response.sendRedirect(redirect.location());
            throw new SkipPageException();
        }
        request.setAttribute("model", ((PageResult.Render) result).model());
    }

    /** The administrator logged in to the console, as Openfire's login filter records them in the session. */
    static String actor(HttpServletRequest request) {
        javax.servlet.http.HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute("jive.admin.authToken");
        if (token instanceof AuthToken t && t.getUsername() != null) {
            return t.getUsername();
        }
        return request.getRemoteUser() == null ? "console" : request.getRemoteUser();
    }

    private static Pages locatePages(PageContext context) {
        Object fromContext = context.getServletContext().getAttribute(PAGES_ATTRIBUTE);
        if (fromContext instanceof Pages pages) {
            return pages;
        }
        return XMPPServer.getInstance().getPluginManager()
                .getPluginByCanonicalName(FederationGatewayPlugin.CANONICAL_NAME)
                .filter(FederationGatewayPlugin.class::isInstance)
                .map(p -> ((FederationGatewayPlugin) p).pages())
                .orElse(null);
    }

    /** Lets a view write {@code ${msg['key']}}; looks keys up lazily. */
    static final class MessageMap extends AbstractMap<String, String> {
        private final Messages messages;

        MessageMap(Messages messages) {
            this.messages = messages;
        }

        @Override
        public String get(Object key) {
            return messages.get(String.valueOf(key));
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return Set.of();
        }
    }
}
