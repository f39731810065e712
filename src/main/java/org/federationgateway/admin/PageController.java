package org.federationgateway.admin;

import javax.servlet.http.HttpServletRequest;

/**
 * One admin page's logic: reads the request, validates it into a command, calls a service, and returns
 * the view model. Views (precompiled JSPs) only render what this returns.
 */
@FunctionalInterface
public interface PageController {
    PageResult handle(HttpServletRequest request);
}
