package org.federationgateway.api;

import java.lang.reflect.Proxy;

import javax.servlet.http.HttpServletRequest;

/** A request with nothing in it, for reading a page's current values outside any call (the audit trail). */
final class NoRequest {
    private NoRequest() {
    }

    static HttpServletRequest create() {
        return (HttpServletRequest) Proxy.newProxyInstance(NoRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> {
                    Class<?> t = method.getReturnType();
                    if (t == boolean.class) {
                        return false;
                    }
                    if (t == int.class) {
                        return 0;
                    }
                    if (t == long.class) {
                        return 0L;
                    }
                    if (method.getName().equals("getMethod")) {
                        return "GET";
                    }
                    return null;
                });
    }
}
